// /bin/sh in a booted machine: each test runs a command line with `sh -c` as `ringside run` does
// (or types into the login shell on the console) and checks the transcript. The expected texts
// are what dash, Debian's /bin/sh, prints for the same input.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../emulator/machine/machine';
import { runInMachine } from '../machine';

/** Run `command` in /tmp; the console transcript and the exit status. */
function sh(command: string): { out: string; status: number | null } {
  const t = runInMachine(`cd /tmp; ${command}`);
  return { out: t.output, status: t.status };
}

const out = (command: string): string => sh(command).out;

describe('sh: simple commands, lists and status', () => {
  it('runs pipelines and and-or lists', () => {
    expect(out('echo a b | { read x y; echo "[$y][$x]"; }')).toBe('[b][a]\n');
    expect(out('true && false || echo fallback; ! true; echo $?')).toBe('fallback\n1\n');
  });

  it('reports a missing command with status 127, and 126 for a file that cannot run', () => {
    expect(sh('nope; echo $?')).toEqual({ out: 'sh: 1: nope: not found\n127\n', status: 0 });
    expect(out(': > f; ./f; echo $?')).toBe('sh: 1: ./f: Permission denied\n126\n');
    expect(sh('nope 2>/dev/null')).toEqual({ out: '', status: 127 });
  });

  it('passes exit statuses through sh -c, subshells and signals', () => {
    expect(out('sh -c "exit 42"; echo $?; (exit 7); echo $?')).toBe('42\n7\n');
    expect(out('sh -c \'kill -KILL $$\'; echo $?')).toBe('Killed\n137\n');
    expect(out('sh -c \'kill -SEGV $$\'; echo $?')).toBe('Segmentation fault\n139\n');
    expect(out('sh -c \'kill -INT $$\'; echo $?')).toBe('130\n');
  });

  it('exits with the status of `exit`, and runs the EXIT trap', () => {
    expect(sh('trap "echo bye" EXIT; echo body; exit 3')).toEqual({ out: 'body\nbye\n', status: 3 });
  });
});

describe('sh: quoting and expansion', () => {
  it('splits unquoted expansions and keeps quoted ones', () => {
    expect(out('x="a  b"; printf "[%s]" $x "$x"; echo')).toBe('[a][b][a  b]\n');
    expect(out('set -- 1 "2 3"; for a in "$@"; do echo "[$a]"; done; echo $#')).toBe('[1]\n[2 3]\n2\n');
    expect(out('set -- a b c; IFS=:; echo "$*"')).toBe('a:b:c\n');
    expect(out(`echo 'single $x' "double \\$x" a\\ b`)).toBe('single $x double $x a b\n');
  });

  it('expands parameters with their operators', () => {
    expect(out('x=; echo "[${x:-d}][${x-d}][${y=set}]$y[${y:+alt}]"')).toBe('[d][][set]set[alt]\n');
    expect(out('v=path/to/file.tar.gz; echo ${v%.*} ${v%%.*} ${v#*/} ${v##*/} ${#v}')).toBe(
      'path/to/file.tar path/to/file to/file.tar.gz file.tar.gz 19\n',
    );
    expect(sh('echo ${x:?oops}; echo never')).toEqual({ out: 'sh: 1: x: oops\n', status: 2 });
  });

  it('substitutes commands and evaluates arithmetic', () => {
    expect(out('echo $(echo a; echo b) `echo bq` "$(printf \'x\\n\\n\')"end')).toBe('a b bq xend\n');
    expect(out('x=5; echo $((x * 2 + 1)) $((x > 3 ? 10 : 20)) $((010 + 0x10)) $((y += 2)) $y')).toBe('11 10 24 2 2\n');
    expect(sh('echo $((1/0))')).toEqual({ out: 'sh: 1: arithmetic expression: division by zero: "1/0"\n', status: 2 });
  });

  it('expands tildes and pathnames', () => {
    expect(out('echo ~ ~root; HOME=/tmp; echo ~')).toBe('/root /root\n/tmp\n');
    expect(out('for f in b.txt a.txt c.log .hid; do : > $f; done; echo *.txt [ab]* ?.log .h* none* "*"')).toBe(
      'a.txt b.txt a.txt b.txt c.log .hid none* *\n',
    );
    expect(out(': > x1; set -f; echo x*; set +f; echo x*')).toBe('x*\nx1\n');
  });
});

describe('sh: redirections and here-documents', () => {
  it('writes, appends and reads files', () => {
    expect(out('echo hi > f; echo there >> f; while read l; do echo "<$l>"; done < f')).toBe('<hi>\n<there>\n');
    expect(out('exec 3>f4; echo via3 >&3; exec 3>&-; read y < f4; echo $y')).toBe('via3\n');
    expect(out('{ echo out; echo err >&2; } 2>&1 >/dev/null')).toBe('err\n');
  });

  it('reports failed redirections as dash does', () => {
    expect(out('echo x > /nonexistent/y; echo $?')).toBe('sh: 1: cannot create /nonexistent/y: Directory nonexistent\n2\n');
    expect(out('read a < /nonexistent; echo $?')).toBe('sh: 1: cannot open /nonexistent: No such file\n2\n');
    expect(out('echo a > f; set -C; echo b > f; echo $?')).toBe('sh: 1: cannot create f: File exists\n2\n');
  });

  it('expands here-documents unless the delimiter is quoted, and strips tabs with <<-', () => {
    expect(out('x=v; while read l; do echo "$l"; done <<EOF\nis $x $((1+1))\nEOF')).toBe('is v 2\n');
    expect(out("while read -r l; do echo \"$l\"; done <<'EOF'\nnot $x\nEOF")).toBe('not $x\n');
    expect(out('while read l; do echo "[$l]"; done <<-EOF\n\t\tindented\n\tEOF')).toBe('[indented]\n');
  });
});

describe('sh: compound commands and functions', () => {
  it('runs if, loops and case', () => {
    expect(out('if false; then echo a; elif true; then echo b; else echo c; fi')).toBe('b\n');
    expect(out('i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i')).toBe('0\n');
    expect(out('for i in 1 2 3; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done')).toBe('11\n21\n31\n');
    expect(out('case hello in h*o) echo glob;; *) echo no;; esac; case "*" in \\*) echo star;; esac')).toBe('glob\nstar\n');
  });

  it('calls functions with their own positional parameters and locals', () => {
    expect(out('f() { local v=in; echo "$# $1 $v"; return 5; }; v=out; f x y; echo $? $v')).toBe('2 x in\n5 out\n');
  });

  it('keeps a subshell\'s changes to itself', () => {
    expect(out('x=outer; (x=inner; cd /; echo $x $PWD); echo $x $PWD')).toBe('inner /\nouter /tmp\n');
  });

  it('stops on failure with set -e, except in conditions', () => {
    expect(sh('set -e; if false; then :; fi; false || true; echo ok; false; echo no')).toEqual({ out: 'ok\n', status: 1 });
  });

  it('reports syntax errors with the line number and status 2', () => {
    expect(sh('echo first\nif true; then echo')).toEqual({
      out: 'first\nsh: 2: Syntax error: end of file unexpected (expecting "fi")\n',
      status: 2,
    });
  });
});

describe('sh: builtins', () => {
  it('has test, printf, read, cd, shift, set, eval, type and umask', () => {
    expect(out('[ 1 -lt 2 -a -d /tmp ] && [ ! -f /tmp ] && echo yes; [ 1 -eq x ]; echo $?')).toBe(
      'yes\nsh: 1: [: Illegal number: x\n2\n',
    );
    expect(out("printf '%s=%d|%5.1f|%x\\n' a 1 3.14159 255 b 2 0 0")).toBe('a=1|  3.1|ff\nb=2|  0.0|0\n');
    expect(out('IFS=, read a b c <<EOF\n1,2,3,4\nEOF\necho $a/$b/$c')).toBe('1/2/3,4\n');
    expect(out('cd /; pwd; cd /tmp; cd -; cd /nonexistent; echo $?')).toBe('/\n/\nsh: 1: cd: can\'t cd to /nonexistent\n2\n');
    expect(out('set a b c; shift 2; echo $@ $#')).toBe('c 1\n');
    expect(out("cmd='echo  evaluated'; eval $cmd")).toBe('evaluated\n');
    expect(out('type echo export sh nope')).toBe(
      'echo is a shell builtin\nexport is a special shell builtin\nsh is /usr/bin/sh\nnope: not found\n',
    );
    expect(out('umask 027; umask; umask -S')).toBe('0027\nu=rwx,g=rx,o=\n');
  });

  it('defines aliases, used from the next line on', () => {
    expect(out('alias say="echo said" e=echo; say now\nsay later; alias; unalias say\nsay again')).toBe(
      "sh: 1: say: not found\nsaid later\ne='echo'\nsay='echo said'\nsh: 3: say: not found\n",
    );
  });

  it('parses options with getopts', () => {
    expect(
      out('set -- -a -b val -cb v2 -x -- file; while getopts ab:c o; do echo "$o ${OPTARG-unset} $OPTIND"; done; shift $((OPTIND-1)); echo "$*"'),
    ).toBe('a  2\nb val 4\nc  5\nb v2 6\nIllegal option -x\n? unset 7\nfile\n');
  });

  it('runs traps for signals between commands', () => {
    expect(out('trap "echo caught" USR1; kill -USR1 $$; echo after; trap')).toBe(
      "caught\nafter\ntrap -- 'echo caught' USR1\n",
    );
  });

  it('sources files with `.` and exports variables to children', () => {
    expect(out("printf 'x=sourced\\nreturn 3\\n' > s; . ./s; echo $? $x")).toBe('3 sourced\n');
    expect(out("export FOO=bar; sh -c 'echo $FOO'; BAZ=tmp sh -c 'echo $BAZ'; echo \"[$BAZ]\"")).toBe('bar\ntmp\n[]\n');
  });
});

describe('sh: background jobs', () => {
  it('runs jobs in the background; wait collects their status', () => {
    expect(out("sh -c 'exit 3' & pid=$!; wait $pid; echo $?")).toBe('3\n');
    expect(out("sh -c 'exit 3' & sh -c 'exit 4' & wait; echo $?")).toBe('0\n');
    expect(out("sh -c 'kill -TERM $$' & wait $!; echo $?")).toBe('Terminated\n143\n');
  });

  it('kills every process of a job with kill %N in a script (no job control: no process group)', () => {
    expect(out('sleep 100 | sleep 200 & kill %1; wait; ps -o comm= | grep -c sleep')).toBe('0\n');
  });
});

/** A machine with the login shell on its console, driven by typing. */
class Console {
  readonly m = new Machine({ init: ['/sbin/init'] });
  private text = '';

  constructor() {
    const dec = new TextDecoder();
    this.m.onConsoleOutput((b) => (this.text += dec.decode(b, { stream: true })));
    this.m.boot();
    this.settle();
  }

  /** Run until everything waits for input. */
  private settle(): void {
    for (let i = 0; i < 200; i++) if (this.m.run(100).state === 'idle') return;
    throw new Error(`machine still busy; output: ${JSON.stringify(this.text)}`);
  }

  /** Type keys; the output they caused, with \r\n as \n. `busy`: a job keeps running, run a little. */
  type(keys: string, busy = false): string {
    const before = this.text.length;
    this.m.consoleInput(new TextEncoder().encode(keys));
    if (busy) for (let i = 0; i < 5; i++) this.m.run(20);
    else this.settle();
    return this.text.slice(before).replace(/\r\n/g, '\n');
  }

  get output(): string {
    return this.text.replace(/\r\n/g, '\n');
  }
}

describe('sh: interactive login shell on the console', () => {
  it('prompts like Debian bash and keeps going after errors', () => {
    const c = new Console();
    expect(c.output).toBe('root@ringside:~# ');
    expect(c.type('cd /tmp\n')).toBe('cd /tmp\nroot@ringside:/tmp# ');
    expect(c.type('nope\n')).toBe('nope\nsh: 2: nope: not found\nroot@ringside:/tmp# ');
    expect(c.type('if true\n')).toBe('if true\n> ');
    expect(c.type('then echo yes; fi\n')).toBe('then echo yes; fi\nyes\nroot@ringside:/tmp# ');
    expect(c.type('fi\n')).toBe('fi\nsh: 5: Syntax error: "fi" unexpected\nroot@ringside:/tmp# ');
  });

  it('stops the foreground job on ^Z, lists it, and continues it with fg', () => {
    const c = new Console();
    expect(c.type('sh -c "read x; echo got \\$x"\n')).toBe('sh -c "read x; echo got \\$x"\n');
    expect(c.type('\x1a')).toBe('^Z\n[1]+  Stopped                 sh -c "read x; echo got \\$x"\nroot@ringside:~# ');
    expect(c.type('jobs\n')).toBe('jobs\n[1]+  Stopped                 sh -c "read x; echo got \\$x"\nroot@ringside:~# ');
    expect(c.type('fg %1\n')).toBe('fg %1\nsh -c "read x; echo got \\$x"\n');
    expect(c.type('hello\n')).toBe('hello\ngot hello\nroot@ringside:~# ');
  });

  it('interrupts the foreground job on ^C and a line being typed', () => {
    const c = new Console();
    c.type('sh -c "read x"\n');
    expect(c.type('\x03')).toBe('^C\nroot@ringside:~# ');
    expect(c.type('echo $?\n')).toBe('echo $?\n130\nroot@ringside:~# ');
    c.type('while :; do :; done\n', true);
    expect(c.type('\x03')).toBe('^C\nroot@ringside:~# ');
    expect(c.type('abc')).toBe('abc');
    expect(c.type('\x03')).toBe('^C\nroot@ringside:~# ');
    expect(c.type('echo $?\n')).toBe('echo $?\n130\nroot@ringside:~# ');
  });

  it('runs a nested interactive shell that takes the terminal and gives it back', () => {
    const c = new Console();
    expect(c.type('sh\n')).toBe('sh\nroot@ringside:~# ');
    expect(c.type('sh -c "read x"\n')).toBe('sh -c "read x"\n');
    expect(c.type('\x1a')).toBe('^Z\n[1]+  Stopped                 sh -c "read x"\nroot@ringside:~# ');
    expect(c.type('exit\n')).toBe('exit\nYou have stopped jobs.\nroot@ringside:~# ');
    expect(c.type('exit\n')).toBe('exit\nroot@ringside:~# ');
    expect(c.type('echo $-\n')).toBe('echo $-\nims\nroot@ringside:~# ');
  });

  it('starts background jobs with [n] pid and reports them when they end', () => {
    const c = new Console();
    expect(c.type('sh -c "exit 0" &\n')).toMatch(/^sh -c "exit 0" &\n\[1\] \d+\nroot@ringside:~# $/);
    expect(c.type('\n')).toBe('\n[1]+  Done                    sh -c "exit 0"\nroot@ringside:~# ');
  });
});
