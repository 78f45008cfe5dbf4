// N_TTY: what the screen shows (echo) and what read(2) returns for typed input. The expected
// echoes were captured on real Linux (6.x) by writing the same bytes to a pty master with the
// default modes and reading the master back; the console additionally has IUTF8, as Linux VTs do.

import { describe, expect, it } from 'vitest';
import { SIGINT, SIGQUIT, SIGTSTP } from '../../../../../emulator/uapi/signal';
import {
  ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOPRT, ICANON, ICRNL, IGNCR, INLCR, IUTF8, NOFLSH, VEOL, VINTR,
} from '../../../../../emulator/uapi/termios';
import { clearSignals, pending, readStr, stty, TtyMachine } from './fixture';

/** Type `input` at a canonical-mode terminal; return the echo and the lines read back. */
function session(input: string, setup?: (m: TtyMachine) => void, readSize = 4096): { echo: string; reads: string[] } {
  const m = new TtyMachine();
  setup?.(m);
  m.output();
  m.type(input);
  const echo = m.output();
  const reads: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = readStr(m.sh, m.fd, readSize);
    if (r === 'SLEEP') break;
    reads.push(r);
  }
  return { echo, reads };
}

describe('N_TTY canonical mode (echo as on Linux)', () => {
  it('ERASE with ECHOE rubs out with "\\b \\b"', () => {
    expect(session('ab\x7fc\n')).toEqual({ echo: 'ab\b \bc\r\n', reads: ['ac\n'] });
  });

  it('WERASE takes back a word and the blanks after it', () => {
    expect(session('hello world\x17x\n')).toEqual({ echo: 'hello world' + '\b \b'.repeat(5) + 'x\r\n', reads: ['hello x\n'] });
    expect(session('foo bar\x17\x17\x17x\n').reads).toEqual(['x\n']);
    expect(session('foo  bar..\x17\x17\n').reads).toEqual(['\n']);
  });

  it('KILL with ECHOKE erases the line; without it echoes ^U and a newline', () => {
    expect(session('abc\x15d\n')).toEqual({ echo: 'abc' + '\b \b'.repeat(3) + 'd\r\n', reads: ['d\n'] });
    const noKe = session('abc\x15d\n', (m) => stty(m.sh, m.fd, { lflag: [0, ECHOKE] }));
    expect(noKe).toEqual({ echo: 'abc^U\r\nd\r\n', reads: ['d\n'] });
    const noK = session('abc\x15d\n', (m) => stty(m.sh, m.fd, { lflag: [0, ECHOK | ECHOKE] }));
    expect(noK.echo).toBe('abc^Ud\r\n');
  });

  it('erasing a tab backs up to where the tab started', () => {
    expect(session('ab\td\x7f\x7f\x7f\n')).toEqual({ echo: 'ab\td\b \b' + '\b'.repeat(6) + '\b \b\r\n', reads: ['a\n'] });
    expect(session('\tab\x7f\x7f\x7f\n').echo).toBe('\tab\b \b\b \b' + '\b'.repeat(8) + '\r\n');
    // ^A takes two columns when echoed as ^A: the tab after it spans six.
    expect(session('\x01\t\x7f\n').echo).toBe('^A\t' + '\b'.repeat(6) + '\r\n');
  });

  it('ECHOCTL shows control characters as ^X and erases both columns', () => {
    expect(session('\x01\x7f\n')).toEqual({ echo: '^A\b \b\b \b\r\n', reads: ['\n'] });
    expect(session('\x1b[A\n')).toEqual({ echo: '^[[A\r\n', reads: ['\x1b[A\n'] });
    const plain = session('\x01b\x7f\x7f\n', (m) => stty(m.sh, m.fd, { lflag: [0, ECHOCTL] }));
    expect(plain.echo).toBe('\x01b\b \b\r\n');
  });

  it('without ECHOE, ERASE is echoed as itself', () => {
    expect(session('ab\x7fc\n', (m) => stty(m.sh, m.fd, { lflag: [0, ECHOE] }))).toEqual({ echo: 'ab^?c\r\n', reads: ['ac\n'] });
  });

  it('ECHOPRT shows what is erased between \\ and /', () => {
    expect(session('abc\x7f\x7fd\n', (m) => stty(m.sh, m.fd, { lflag: [ECHOPRT, 0] })).echo).toBe('abc\\cb/d\r\n');
    expect(session('abc\x15d\n', (m) => stty(m.sh, m.fd, { lflag: [ECHOPRT, 0] })).echo).toBe('abc\\cba/d\r\n');
  });

  it('REPRINT (^R) echoes ^R, a newline and the line so far', () => {
    expect(session('ab\x12\n')).toEqual({ echo: 'ab^R\r\nab\r\n', reads: ['ab\n'] });
  });

  it('LNEXT (^V) quotes the next character: ^C becomes data', () => {
    const m = new TtyMachine();
    m.output();
    m.type('a\x16\x03b\n');
    expect(m.output()).toBe('a^\b^Cb\r\n');
    expect(readStr(m.sh, m.fd)).toBe('a\x03b\n');
    expect(pending(m.sh, SIGINT)).toBe(false);
  });

  it('EOF (^D) ends a line without a newline; at the start of a line read returns 0', () => {
    expect(session('abc\x04')).toEqual({ echo: 'abc', reads: ['abc'] });
    expect(session('\x04')).toEqual({ echo: '', reads: [''] });
    // A read that fills its buffer up to a ^D takes the ^D too (canon_skip_eof).
    expect(session('ab\x04cd\x04\x04', undefined, 2).reads).toEqual(['ab', 'cd', '']);
  });

  it('a read gets one line at a time, and a short buffer gets the rest later', () => {
    expect(session('x\ry\n').reads).toEqual(['x\n', 'y\n']);
    expect(session('hello\n', undefined, 3).reads).toEqual(['hel', 'lo\n']);
  });

  it('ICRNL maps Enter to \\n; without it \\r is data (echoed ^M); IGNCR drops it; INLCR maps \\n to \\r', () => {
    expect(session('a\rb\n', (m) => stty(m.sh, m.fd, { iflag: [0, ICRNL] }))).toEqual({ echo: 'a^Mb\r\n', reads: ['a\rb\n'] });
    expect(session('a\rb\n', (m) => stty(m.sh, m.fd, { iflag: [IGNCR, 0] }))).toEqual({ echo: 'ab\r\n', reads: ['ab\n'] });
    expect(session('a\nb\r', (m) => stty(m.sh, m.fd, { iflag: [INLCR, ICRNL] }))).toEqual({ echo: 'a^Mb^M', reads: [] });
  });

  it('VEOL ends a line too, and is returned', () => {
    expect(session('ab;cd', (m) => stty(m.sh, m.fd, {}, { [VEOL]: 0x3b })).reads).toEqual(['ab;']);
  });

  it('with IUTF8 (the console default) ERASE takes a whole UTF-8 character', () => {
    expect(session('caf\xc3\xa9\x7f\n')).toEqual({ echo: 'caf\xc3\xa9\b \b\r\n', reads: ['caf\n'] });
    const bytewise = session('caf\xc3\xa9\x7f\n', (m) => stty(m.sh, m.fd, { iflag: [0, IUTF8] }));
    expect(bytewise.reads).toEqual(['caf\xc3\n']);
  });

  it('ECHONL echoes newlines even without ECHO', () => {
    expect(session('ab\ncd\n', (m) => stty(m.sh, m.fd, { lflag: [ECHONL, ECHO] }))).toEqual({ echo: '\r\n\r\n', reads: ['ab\n', 'cd\n'] });
  });

  it('without ECHO nothing is shown, editing still works', () => {
    expect(session('pw\x7fd\n', (m) => stty(m.sh, m.fd, { lflag: [0, ECHO] }))).toEqual({ echo: '', reads: ['pd\n'] });
  });

  it('a line longer than the buffer keeps its last byte replaced until the newline', () => {
    const { reads } = session('x'.repeat(5000) + '\n');
    expect(reads.join('')).toBe('x'.repeat(4095) + '\n');
  });
});

describe('N_TTY signal characters', () => {
  it('^C sends SIGINT to the foreground group, flushes the line and echoes ^C', () => {
    const m = new TtyMachine();
    const fg = m.member(m.sh.t.tgid);
    const bg = m.member();
    m.output();
    m.type('ab');
    expect(m.output()).toBe('ab');
    m.type('\x03');
    expect(m.output()).toBe('^C');
    expect(pending(m.sh, SIGINT)).toBe(true);
    expect(pending(fg, SIGINT)).toBe(true);
    expect(pending(bg, SIGINT)).toBe(false);
    clearSignals(m.sh);
    m.type('cd\n');
    expect(readStr(m.sh, m.fd)).toBe('cd\n');
  });

  it('typed in one burst, ^C also drops the echo of what it flushed (Linux: "ab^Ccd\\n" shows "^Ccd")', () => {
    const m = new TtyMachine();
    m.output();
    m.type('ab\x03cd\n');
    expect(m.output()).toBe('^Ccd\r\n');
    clearSignals(m.sh);
    expect(readStr(m.sh, m.fd)).toBe('cd\n');
    m.type('a\x1a\x1cb\n');
    expect(m.output()).toBe('^\\b\r\n');
    expect(pending(m.sh, SIGTSTP)).toBe(true);
    expect(pending(m.sh, SIGQUIT)).toBe(true);
  });

  it('NOFLSH keeps the input', () => {
    const m = new TtyMachine();
    stty(m.sh, m.fd, { lflag: [NOFLSH, 0] });
    m.output();
    m.type('ab\x03cd\n');
    expect(m.output()).toBe('ab^Ccd\r\n');
    clearSignals(m.sh);
    expect(readStr(m.sh, m.fd)).toBe('abcd\n');
  });

  it('a changed VINTR is the one that interrupts; a disabled one (0) is data', () => {
    const m = new TtyMachine();
    stty(m.sh, m.fd, {}, { [VINTR]: 0x07 });
    m.type('\x03\x07');
    expect(pending(m.sh, SIGINT)).toBe(true);
    clearSignals(m.sh);
    stty(m.sh, m.fd, {}, { [VINTR]: 0 });
    m.type('\x00\n');
    expect(pending(m.sh, SIGINT)).toBe(false);
    expect(readStr(m.sh, m.fd)).toBe('\x00\n');
  });

  it('the signal goes to whichever group is in the foreground', () => {
    const m = new TtyMachine();
    const job = m.member();
    m.tty.pgrp = job.t.group.pgid;
    m.type('\x1c');
    expect(pending(job, SIGQUIT)).toBe(true);
    expect(pending(m.sh, SIGQUIT)).toBe(false);
  });
});

describe('N_TTY non-canonical mode', () => {
  it('everything typed is readable at once and echoed, control characters as ^X', () => {
    const m = new TtyMachine();
    stty(m.sh, m.fd, { lflag: [0, ICANON] });
    m.output();
    m.type('ab\x7f\x01\n');
    expect(m.output()).toBe('ab^?^A^J');
    expect(readStr(m.sh, m.fd)).toBe('ab\x7f\x01\n');
  });

  it('switching to canonical mode makes what is buffered one line', () => {
    const m = new TtyMachine();
    stty(m.sh, m.fd, { lflag: [0, ICANON] });
    m.type('xyz');
    stty(m.sh, m.fd, { lflag: [ICANON, 0] });
    expect(readStr(m.sh, m.fd)).toBe('xyz');
  });

  it('switching to non-canonical mode makes a half-typed line readable', () => {
    const m = new TtyMachine();
    m.type('half');
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    stty(m.sh, m.fd, { lflag: [0, ICANON] });
    expect(readStr(m.sh, m.fd)).toBe('half');
  });
});
