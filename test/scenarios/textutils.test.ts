import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

const run = (c: string) => runInMachine(c);

describe('head/tail/tee/yes', () => {
  it('head', () => {
    expect(run("seq 20 | head -n 3").output).toBe('1\n2\n3\n');
    expect(run("seq 20 | head -2").output).toBe('1\n2\n');
    expect(run("printf 'abcdef' | head -c 3").output).toBe('abc');
    expect(run("seq 5 > /tmp/a; head -n 1 /tmp/a /tmp/a").output).toBe('==> /tmp/a <==\n1\n\n==> /tmp/a <==\n1\n');
    const r = run('head /nope');
    expect(r.output).toBe("head: cannot open '/nope' for reading: No such file or directory\n");
    expect(r.status).toBe(1);
  });
  it('tail', () => {
    expect(run("seq 20 | tail -n 2").output).toBe('19\n20\n');
    expect(run("seq 5 | tail -n +4").output).toBe('4\n5\n');
    expect(run("printf 'abcdef' | tail -c 2").output).toBe('ef');
  });
  it('tee and yes', () => {
    expect(run("echo hi | tee /tmp/t; cat /tmp/t").output).toBe('hi\nhi\n');
    expect(run("echo a > /tmp/t; echo b | tee -a /tmp/t >/dev/null; cat /tmp/t").output).toBe('a\nb\n');
    expect(run("yes | head -n 2").output).toBe('y\ny\n');
    expect(run("yes a b | head -n 1").output).toBe('a b\n');
  });
});

describe('printf', () => {
  it('formats and reuses', () => {
    expect(run("/usr/bin/printf '%d|%s\\n' 1 a 2").output).toBe('1|a\n2|\n');
    expect(run("/usr/bin/printf '%b|\\n' 'a\\nb' 'x\\0101y'").output).toBe('a\nb|\nxAy|\n');
    expect(run("/usr/bin/printf 'a\\101\\x41\\n'").output).toBe('aAA\n');
    expect(run("/usr/bin/printf '%5.2f|%-4s|%x\\n' 3.14159 ab 255").output).toBe(' 3.14|ab  |ff\n');
    expect(run("/usr/bin/printf '%q\\n' 'a b' ok").output).toBe("'a b'\nok\n");
    expect(run("/usr/bin/printf '%d\\n' 0x10 010 \"'A\"").output).toBe('16\n8\n65\n');
  });
  it('reports bad numbers', () => {
    const r = run("/usr/bin/printf '%d\\n' x");
    expect(r.output).toBe("0\nprintf: ‘x’: expected a numeric value\n".replace('0\nprintf', 'printf').replace('value\n', 'value\n0\n'));
    expect(r.status).toBe(1);
  });
});
