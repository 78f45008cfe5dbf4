// The terminal's text as a user sees it, for tests (window.__ringsideTerminalText).

import type { Terminal } from '@xterm/xterm';

/**
 * Every line of the buffer (scrollback included), soft-wrapped rows joined back into one line,
 * trailing blanks trimmed — except on the cursor's row, which keeps what lies before the cursor,
 * so a prompt's trailing space shows ("root@ringside:~# ").
 */
export function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const cursorRow = buffer.baseY + buffer.cursorY;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    let text = line.translateToString(true);
    if (row === cursorRow) text = line.translateToString(false).slice(0, Math.max(text.length, buffer.cursorX));
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join('\n');
}
