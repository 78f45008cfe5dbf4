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

describe('grep', () => {
  it('matches and statuses', () => {
    expect(run("printf 'foo\\nbar\\nbaz\\n' | grep ba").output).toBe('bar\nbaz\n');
    expect(run("printf 'foo\\nbar\\n' | grep -c o").output).toBe('1\n');
    expect(run("printf 'foo\\nbar\\n' | grep -v o").output).toBe('bar\n');
    expect(run("printf 'Foo\\nbar\\n' | grep -in foo").output).toBe('1:Foo\n');
    expect(run("printf 'ab\\naab\\n' | grep -E '^a+b$'").output).toBe('ab\naab\n');
    expect(run("printf 'a+b\\nab\\n' | grep 'a+b'").output).toBe('a+b\n');
    expect(run("printf 'abab\\n' | grep '\\(ab\\)\\1'").output).toBe('abab\n');
    expect(run("printf 'x1\\ny\\n' | grep '[[:digit:]]'").output).toBe('x1\n');
    expect(run("printf 'a\\n' | grep -q a").status).toBe(0);
    expect(run("printf 'a\\n' | grep -q b").status).toBe(1);
    expect(run("printf 'a\\nb\\n' | grep -e a -e b").output).toBe('a\nb\n');
  });
  it('files', () => {
    expect(run("echo hi > /tmp/a; echo ho > /tmp/b; grep h /tmp/a /tmp/b").output).toBe('/tmp/a:hi\n/tmp/b:ho\n');
    expect(run("echo hi > /tmp/a; echo ho > /tmp/b; grep -h h /tmp/a /tmp/b").output).toBe('hi\nho\n');
    expect(run("echo hi > /tmp/a; echo ho > /tmp/b; grep -l i /tmp/a /tmp/b").output).toBe('/tmp/a\n');
    expect(run("echo hi > /tmp/a; grep -H -c h /tmp/a").output).toBe('/tmp/a:1\n');
    const r = run('grep x /nope');
    expect(r.output).toBe('grep: /nope: No such file or directory\n');
    expect(r.status).toBe(2);
    const u = run("grep '\\(' /dev/null");
    expect(u.output).toBe('grep: Unmatched ( or \\(\n');
    expect(u.status).toBe(2);
    expect(run("mkdir -p /tmp/d/e; echo hi > /tmp/d/e/f; grep -r hi /tmp/d").output).toBe('/tmp/d/e/f:hi\n');
  });
});

describe('sort and uniq', () => {
  it('sort', () => {
    expect(run("printf 'b\\na\\n' | sort").output).toBe('a\nb\n');
    expect(run("printf '10\\n9\\n2\\n' | sort -n").output).toBe('2\n9\n10\n');
    expect(run("printf '10\\n9\\n2\\n' | sort -rn").output).toBe('10\n9\n2\n');
    expect(run("printf 'b\\na\\nb\\n' | sort -u").output).toBe('a\nb\n');
    expect(run("printf 'x 2\\ny 1\\n' | sort -k 2").output).toBe('y 1\nx 2\n');
    expect(run("printf 'a:3\\nb:1\\nc:2\\n' | sort -t : -k 2n").output).toBe('b:1\nc:2\na:3\n');
    expect(run("printf 'B\\na\\nC\\n' | sort").output).toBe('B\nC\na\n');
    expect(run("printf 'B\\na\\nC\\n' | sort -f").output).toBe('a\nB\nC\n');
    expect(run("printf 'a 1\\nb 1\\n' | sort -r -k 2,2").output).toBe('b 1\na 1\n');
    expect(run('sort /nope').output).toBe('sort: cannot read: /nope: No such file or directory\n');
  });
  it('uniq', () => {
    expect(run("printf 'a\\na\\nb\\n' | uniq").output).toBe('a\nb\n');
    expect(run("printf 'a\\na\\nb\\n' | uniq -c").output).toBe('      2 a\n      1 b\n');
    expect(run("printf 'a\\na\\nb\\n' | uniq -d").output).toBe('a\n');
    expect(run("printf 'a\\na\\nb\\n' | uniq -u").output).toBe('b\n');
  });
});

describe('cut and tr', () => {
  it('cut', () => {
    expect(run("printf 'a:b:c\\n' | cut -d: -f2").output).toBe('b\n');
    expect(run("printf 'a:b:c\\n' | cut -d: -f1,3").output).toBe('a:c\n');
    expect(run("printf 'a:b:c\\nx\\n' | cut -d: -f2- -s").output).toBe('b:c\n');
    expect(run("printf 'abcdef\\n' | cut -c 2-4").output).toBe('bcd\n');
    expect(run("printf 'abcdef\\n' | cut -b -2,5-").output).toBe('abef\n');
    expect(run("printf 'a\\tb\\n' | cut -f 2").output).toBe('b\n');
    const r = run('cut -f 0 /dev/null');
    expect(r.output).toBe("cut: fields are numbered from 1\nTry 'cut --help' for more information.\n");
    expect(r.status).toBe(1);
  });
  it('tr', () => {
    expect(run("echo hello | tr a-z A-Z").output).toBe('HELLO\n');
    expect(run("echo hello | tr '[:lower:]' '[:upper:]'").output).toBe('HELLO\n');
    expect(run("echo hello | tr -d l").output).toBe('heo\n');
    expect(run("echo aabbcc | tr -s ab").output).toBe('abcc\n');
    expect(run("echo 'a1b2' | tr -cd '[:digit:]'").output).toBe('12');
    expect(run("echo abc | tr abc x").output).toBe('xxx\n');
    expect(run("printf 'a b\\n' | tr ' ' '\\n'").output).toBe('a\nb\n');
    expect(run("tr a").output).toBe("tr: missing operand after ‘a’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
  });
});

describe('xargs', () => {
  it('runs commands', () => {
    expect(run("printf 'a b\\nc\\n' | xargs").output).toBe('a b c\n');
    expect(run("printf 'a b\\nc\\n' | xargs -n 1").output).toBe('a\nb\nc\n');
    expect(run("printf 'a\\0b c\\0' | xargs -0 -n 1 echo x").output).toBe('x a\nx b c\n');
    expect(run("printf 'a\\nb\\n' | xargs -I {} echo [{}]").output).toBe('[a]\n[b]\n');
    expect(run("printf '\"a b\" c\\n' | xargs -n 1").output).toBe('a b\nc\n');
  });
  it('statuses', () => {
    const r = run('echo a | xargs nope');
    expect(r.output).toBe('xargs: nope: No such file or directory\n');
    expect(r.status).toBe(127);
    expect(run('echo a | xargs false').status).toBe(123);
  });
});

describe('streaming', () => {
  it('grep -q ends on an endless input', () => {
    expect(run('yes | grep -q y; echo $?').output).toBe('0\n');
    expect(run('yes | grep -l y').output).toBe('(standard input)\n');
  });
});

describe('grep -m', () => {
  it('stops after NUM selected lines', () => {
    expect(run("printf 'a1\\nb\\na2\\n' | grep -m 1 a").output).toBe('a1\n');
    expect(run('yes | grep -m 2 y').output).toBe('y\ny\n');
  });
});
