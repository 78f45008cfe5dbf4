// The window's keyboard shortcuts. They are caught before the terminal sees the key (capture
// phase), so they work wherever the focus is — the keys are ones a shell session does not need:
// F8 and F10 as in debuggers (continue/pause, step), Ctrl+Shift+F5 as in IDEs (restart).

export const SHORTCUTS = { togglePause: 'F8', step: 'F10', reset: 'Ctrl+Shift+F5', theme: 'Ctrl+Shift+L' } as const;

export interface ShortcutActions {
  togglePause(): void;
  step(): void;
  reset(): void;
  toggleTheme(): void;
}

/** The action a key press asks for, or null. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>): keyof ShortcutActions | null {
  const plain = !e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey;
  if (plain && e.key === 'F8') return 'togglePause';
  if (plain && e.key === 'F10') return 'step';
  if (e.ctrlKey && e.shiftKey && !e.altKey && e.key === 'F5') return 'reset';
  if (e.ctrlKey && e.shiftKey && !e.altKey && (e.key === 'L' || e.key === 'l')) return 'toggleTheme';
  return null;
}

/** Listens on `target` (the window); returns a function that stops. */
export function installShortcuts(target: Window, actions: ShortcutActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    const action = shortcutFor(e);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    actions[action]();
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
