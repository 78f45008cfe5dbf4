import { describe, expect, it } from 'vitest';
import {
  listLines,
  parseSignal,
  signalName,
  table,
  tableNumber,
} from '../../../../../emulator/userland/bin/procps/signals';

describe('procps signal names', () => {
  it('kill -l and kill -L (procps-ng 4.0.2)', () => {
    expect(listLines()).toBe(
      'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n' +
        'CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n',
    );
    expect(table()).toBe(
      ' 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS\n' +
        ' 8 FPE      9 KILL    10 USR1    11 SEGV    12 USR2    13 PIPE    14 ALRM\n' +
        '15 TERM    16 STKFLT  17 CHLD    18 CONT    19 STOP    20 TSTP    21 TTIN\n' +
        '22 TTOU    23 URG     24 XCPU    25 XFSZ    26 VTALRM  27 PROF    28 WINCH\n' +
        '29 POLL    30 PWR     31 SYS     \n',
    );
  });
  it('parsing a signal to send', () => {
    expect(parseSignal('9')).toBe(9);
    expect(parseSignal('0')).toBe(0);
    expect(parseSignal('kill')).toBe(9);
    expect(parseSignal('SIGKILL')).toBe(9);
    expect(parseSignal('IO')).toBe(29);
    expect(parseSignal('iot')).toBe(6);
    expect(parseSignal('RTMIN')).toBe(34);
    expect(parseSignal('RTMIN+2')).toBe(36);
    expect(parseSignal('RTMAX')).toBe(-1);
    expect(parseSignal('93')).toBe(93);
    expect(parseSignal('94')).toBe(-1);
    expect(parseSignal('FOO')).toBe(-1);
  });
  it('kill -l conversions use the table only', () => {
    expect(signalName(29)).toBe('POLL');
    expect(signalName(32)).toBeNull();
    expect(tableNumber('sigpoll')).toBe(29);
    expect(tableNumber('IO')).toBe(-1);
  });
});
