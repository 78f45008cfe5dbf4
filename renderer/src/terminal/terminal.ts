// A terminal: an xterm.js Terminal wired to one of the machine's virtual consoles (tty1, the
// console, or tty2..tty6 in further tabs). Keystrokes go out as tty-input (UTF-8 bytes, as a real
// terminal sends them), output bytes are written as they come, and the terminal's size follows its
// element and is reported as that console's window size (TIOCSWINSZ/SIGWINCH in the machine).
//
// Flow control: each chunk of output is acknowledged (tty-ack) once xterm.js has parsed it, so the
// machine's console blocks its writers while the terminal is behind — `yes` cannot bury the UI,
// and ^C is seen at once.
//
// Drawing: the WebGL renderer where the browser has WebGL, the DOM renderer otherwise — also when
// the GPU context is lost later. Search (find next/previous) and copy/paste (Ctrl+Shift+C/V, the
// context menu) are offered through the returned TerminalHandle.

import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { latin1ToBytes, utf8ToLatin1 } from '../../../emulator/api/latin1';
import { ttyInput } from '../../../emulator/api/protocol';
import type { Command } from '../../../emulator/api/protocol';
import { bufferText } from './buffer_text';

export interface TerminalMachine {
  send(command: Command): void;
  onTtyOutput(cb: (data: string) => void): () => void;
  onVtOutput?(tty: number, cb: (data: string) => void): () => void;
}

/** What the pane around a terminal may ask of it. */
export interface TerminalHandle {
  readonly tty: number;
  /** 'webgl' or 'dom': how it draws now. */
  renderer(): 'webgl' | 'dom';
  /** Find `text` after (or before) the current match; false if it is nowhere in the buffer. */
  findNext(text: string): boolean;
  findPrevious(text: string): boolean;
  clearSearch(): void;
  /** The selection to the clipboard; false if there was nothing selected or no clipboard. */
  copy(): Promise<boolean>;
  /** The clipboard's text typed into the terminal (as a bracketed paste if the program asked). */
  paste(): Promise<void>;
  selectAll(): void;
  hasSelection(): boolean;
  focus(): void;
  fit(): void;
  text(): string;
  /** The size in cells xterm.js lays out, which the tty's winsize follows. */
  size(): { rows: number; cols: number };
  dispose(): void;
}

export interface TerminalOptions {
  /** The virtual console: 1 (default) to 6. */
  tty?: number;
  /** Ctrl+Shift+F: the pane opens its search box. */
  onFindRequest?: () => void;
  /** Draw with the DOM renderer even where WebGL is available. */
  noWebgl?: boolean;
}

/** The terminals open now, by console number (the e2e tests read them: window.__ringsideTtyText). */
const openTerminals = new Map<number, TerminalHandle>();

/** Opens a terminal on console `tty` in `el`. */
export function mountTerminal(el: HTMLElement, machine: TerminalMachine, options: TerminalOptions = {}): TerminalHandle {
  const tty = options.tty ?? 1;
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    allowProposedApi: true, // the search addon's match decorations
    theme: { background: '#1e1e1e', foreground: '#d4d4d4', selectionBackground: '#264f78' },
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.open(el);

  let renderer: 'webgl' | 'dom' = 'dom';
  let webgl: WebglAddon | null = null;
  if (!options.noWebgl && webglAvailable()) {
    try {
      webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        // The GPU took the context back: go on with the DOM renderer.
        webgl?.dispose();
        webgl = null;
        renderer = 'dom';
        el.dataset.renderer = renderer;
      });
      term.loadAddon(webgl);
      renderer = 'webgl';
    } catch {
      webgl = null;
    }
  }
  el.dataset.renderer = renderer;

  const sendInput = (latin1: string) => ttyInput(latin1, tty).forEach((c) => machine.send(c));
  const sendSize = () =>
    machine.send(tty === 1 ? { type: 'resize', cols: term.cols, rows: term.rows } : { type: 'resize', cols: term.cols, rows: term.rows, tty });
  const ack = (bytes: number) => machine.send(tty === 1 ? { type: 'tty-ack', bytes } : { type: 'tty-ack', bytes, tty });

  const handle: TerminalHandle = {
    tty,
    renderer: () => renderer,
    findNext: (text) => text !== '' && search.findNext(text, SEARCH_OPTIONS),
    findPrevious: (text) => text !== '' && search.findPrevious(text, SEARCH_OPTIONS),
    clearSearch: () => search.clearDecorations(),
    copy: async () => {
      const text = term.getSelection();
      if (!text) return false;
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false; // no clipboard permission (an insecure origin, a denied prompt)
      }
    },
    paste: async () => {
      try {
        const text = await navigator.clipboard.readText();
        if (text) term.paste(text);
      } catch {
        // Reading the clipboard was refused: the browser's own paste (Ctrl+V, middle click) still works.
      }
    },
    selectAll: () => term.selectAll(),
    hasSelection: () => term.hasSelection(),
    focus: () => term.focus(),
    fit: () => fit.fit(),
    text: () => bufferText(term),
    size: () => ({ rows: term.rows, cols: term.cols }),
    dispose: () => {},
  };

  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey || e.altKey) return true;
    switch (e.code) {
      case 'KeyC':
        void handle.copy();
        return false;
      case 'KeyV':
        e.preventDefault(); // not also the browser's paste event
        void handle.paste();
        return false;
      case 'KeyF':
        e.preventDefault();
        options.onFindRequest?.();
        return false;
    }
    return true;
  });

  const subscriptions = [
    term.onData((text) => sendInput(utf8ToLatin1(text))),
    // Mouse reports in X10 mode: already one char per byte.
    term.onBinary((data) => sendInput(data)),
    term.onResize(sendSize),
  ];
  const write = (data: string) => term.write(latin1ToBytes(data), () => ack(data.length));
  const stopOutput = tty === 1 ? machine.onTtyOutput(write) : (machine.onVtOutput?.(tty, write) ?? (() => {}));

  fit.fit();
  sendSize();
  const observer = new ResizeObserver(() => {
    // A hidden tab has no size: keep the last one.
    if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
  });
  observer.observe(el);
  openTerminals.set(tty, handle);
  if (tty === 1) window.__ringsideTerminalText = () => bufferText(term);
  window.__ringsideTtyText = (n: number) => openTerminals.get(n)?.text() ?? '';
  window.__ringsideTtySize = (n: number) => openTerminals.get(n)?.size() ?? null;

  handle.dispose = () => {
    openTerminals.delete(tty);
    if (tty === 1) delete window.__ringsideTerminalText;
    observer.disconnect();
    stopOutput();
    subscriptions.forEach((s) => s.dispose());
    webgl?.dispose();
    term.dispose();
  };
  return handle;
}

/** Matches are highlighted; the search wraps around. */
const SEARCH_OPTIONS = {
  decorations: {
    matchBackground: '#515c6a',
    matchOverviewRuler: '#d186167e',
    activeMatchBackground: '#a8ac94',
    activeMatchColorOverviewRuler: '#a0a0a0cc',
  },
} as const;

/** Whether this browser can give a canvas a WebGL2 context at all (headless or blocklisted GPUs cannot). */
function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return canvas.getContext('webgl2') !== null;
  } catch {
    return false;
  }
}
