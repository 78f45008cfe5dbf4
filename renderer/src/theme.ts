// Light and dark themes: the colours are CSS variables (style.css) chosen by `data-theme` on the
// root element. The choice is remembered; the first time, the system's preference decides.

export type Theme = 'dark' | 'light';
const KEY = 'ringside.theme';

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'dark' || saved === 'light') return saved;
  } catch {
    // storage may be unavailable (a sandboxed page); fall through
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // not remembered, still applied
  }
}
