// The console terminal: an xterm.js Terminal wired to the machine's tty. Keystrokes go out as
// tty-input (UTF-8 bytes, as a real terminal sends them), output bytes are written as they come,
// and the terminal's size follows its element and is reported as the console's window size.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { latin1ToBytes, utf8ToLatin1 } from '../../../emulator/api/latin1';
import { ttyInput } from '../../../emulator/api/protocol';
import type { Command } from '../../../emulator/api/protocol';
import { bufferText } from './buffer_text';

export interface TerminalMachine {
  send(command: Command): void;
  onTtyOutput(cb: (data: string) => void): () => void;
}

/** Opens a terminal in `el`; returns a function that closes it. */
export function mountTerminal(el: HTMLElement, machine: TerminalMachine): () => void {
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: { background: '#1e1e1e', foreground: '#d4d4d4' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el);

  const sendInput = (latin1: string) => ttyInput(latin1).forEach((c) => machine.send(c));
  const sendSize = () => machine.send({ type: 'resize', cols: term.cols, rows: term.rows });
  const subscriptions = [
    term.onData((text) => sendInput(utf8ToLatin1(text))),
    // Mouse reports in X10 mode: already one char per byte.
    term.onBinary((data) => sendInput(data)),
    term.onResize(sendSize),
  ];
  const stopOutput = machine.onTtyOutput((data) => term.write(latin1ToBytes(data)));

  fit.fit();
  sendSize();
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(el);
  term.focus();
  window.__ringsideTerminalText = () => bufferText(term);

  return () => {
    delete window.__ringsideTerminalText;
    observer.disconnect();
    stopOutput();
    subscriptions.forEach((s) => s.dispose());
    term.dispose();
  };
}
