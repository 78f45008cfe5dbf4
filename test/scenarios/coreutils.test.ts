import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

const run = (c: string) => runInMachine(c);
/** Run in a fresh /tmp/w with stderr merged and stdout not a terminal. */
const sh = (c: string) => runInMachine(`mkdir /tmp/w && cd /tmp/w && { ${c}; } 2>&1 | cat`).output;

describe('ls', () => {
  it('long format', () => {
    const out = sh('mkdir -p a/b; touch a/f "a/x y"; ln -s f a/l; mkfifo a/p; echo hi > a/g; ls -la a');
    expect(out).toBe(
      'total 4\n' +
        'drwxr-xr-x 3 root root 160 Jan  1 00:00 .\n' +
        'drwxr-xr-x 3 root root  60 Jan  1 00:00 ..\n' +
        'drwxr-xr-x 2 root root  40 Jan  1 00:00 b\n' +
        '-rw-r--r-- 1 root root   0 Jan  1 00:00 f\n' +
        '-rw-r--r-- 1 root root   3 Jan  1 00:00 g\n' +
        'lrwxrwxrwx 1 root root   1 Jan  1 00:00 l -> f\n' +
        'prw-r--r-- 1 root root   0 Jan  1 00:00 p\n' +
        '-rw-r--r-- 1 root root   0 Jan  1 00:00 x y\n',
    );
  });
  it('devices, numeric ids, dates and special bits', () => {
    expect(sh('ls -l /dev/null /dev/tty')).toBe(
      'crw-rw-rw- 1 root root 1, 3 Jan  1 00:00 /dev/null\ncrw-rw-rw- 1 root root 5, 0 Jan  1 00:00 /dev/tty\n',
    );
    expect(sh('touch f; chown 1000:1000 f; chmod 4754 f; ls -n f')).toBe('-rwsr-xr-T 1 1000 1000 0 Jan  1 00:00 f\n'.replace('T', '-'));
    expect(sh('touch f; chmod 1644 f; ls -l f')).toBe('-rw-r--r-T 1 root root 0 Jan  1 00:00 f\n');
    expect(sh('touch f; chmod 2745 f; ls -l f')).toBe('-rwxr-Sr-x 1 root root 0 Jan  1 00:00 f\n');
  });
  it('operands, -a -A -d -R, errors', () => {
    expect(sh('mkdir -p q/.h q/v; touch q/.z q/a; ls -a q; ls -A q')).toBe('.\n..\n.h\n.z\na\nv\n.h\n.z\na\nv\n');
    expect(sh('mkdir -p q/v; touch q/a; ls -R q')).toBe('q:\na\nv\n\nq/v:\n');
    expect(sh('mkdir q; touch q/a z; ls -d q z; ls z q')).toBe('q\nz\nz\n\nq:\na\n');
    const r = run('ls /nope');
    expect(r.output).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(r.status).toBe(2);
  });
  it('keeps the directory open while it looks at the entries: ls -l /proc/self/fd lists its own descriptor', () => {
    expect(sh('ls -l /proc/self/fd | grep -c " 3 -> /proc/[0-9]*/fd$"')).toBe('1\n');
  });
  it('sorts in byte order', () => {
    expect(sh('touch B a _ Z 1; ls')).toBe('1\nB\nZ\n_\na\n');
  });
  it('columns on a terminal', () => {
    expect(run('mkdir /t && cd /t && touch alpha beta gamma delta epsilon && ls').output).toBe(
      'alpha  beta  delta  epsilon  gamma\n',
    );
  });
});

describe('file tools', () => {
  it('mkdir and rmdir', () => {
    expect(sh('mkdir a; mkdir a; mkdir -p a/b/c && echo ok; rmdir a; rmdir nope')).toBe(
      'mkdir: cannot create directory ‘a’: File exists\nok\n' +
        "rmdir: failed to remove 'a': Directory not empty\nrmdir: failed to remove 'nope': No such file or directory\n",
    );
    expect(sh('mkdir -m 700 m; mkdir -p x/y; rmdir -p x/y; stat -c "%A %n" m; ls')).toBe('drwx------ m\nm\n');
    expect(sh('touch f; mkdir -p f/x')).toBe('mkdir: cannot create directory ‘f’: Not a directory\n');
  });
  it('rm', () => {
    expect(sh('rm nope; rm -f nope; mkdir d; rm d; rm -r d; ls; rm')).toBe(
      "rm: cannot remove 'nope': No such file or directory\nrm: cannot remove 'd': Is a directory\n" +
        "rm: missing operand\nTry 'rm --help' for more information.\n",
    );
    expect(sh('rm -rf /')).toBe("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
  });
  it('touch, ln, readlink, realpath', () => {
    expect(sh('touch -c a; ls; touch a; ls; touch nodir/x')).toBe("a\ntouch: cannot touch 'nodir/x': No such file or directory\n");
    expect(sh('touch f; ln -s f l; readlink l; readlink -f l; realpath l; ln -s x l; ln -sf y l; readlink l; ln f h; stat -c %h f')).toBe(
      "f\n/tmp/w/f\n/tmp/w/f\nln: failed to create symbolic link 'l': File exists\ny\n2\n",
    );
    expect(sh('realpath -m a/../b; realpath nope/x; readlink nope; echo $?')).toBe(
      '/tmp/w/b\nrealpath: nope/x: No such file or directory\n1\n',
    );
  });
  it('mv and cp', () => {
    expect(sh('echo hi > f; mkdir d; mv f d; cat d/f; mv nope x; mv d d/e')).toBe(
      "hi\nmv: cannot stat 'nope': No such file or directory\nmv: cannot move 'd' to a subdirectory of itself, 'd/e'\n",
    );
    expect(sh('mkdir -p d/e; echo hi > d/f; ln -s f d/l; cp -r d d2; ls -l d2; cat d2/f; cp d x; cp d/f d/f; cp -r d d/e')).toBe(
      'total 4\n' +
        'drwxr-xr-x 2 root root 40 Jan  1 00:00 e\n' +
        '-rw-r--r-- 1 root root  3 Jan  1 00:00 f\n' +
        'lrwxrwxrwx 1 root root  1 Jan  1 00:00 l -> f\n' +
        'hi\n' +
        "cp: -r not specified; omitting directory 'd'\n" +
        "cp: 'd/f' and 'd/f' are the same file\n" +
        "cp: cannot copy a directory, 'd', into itself, 'd/e/d'\n",
    );
    expect(sh('touch f; chmod 600 f; chown 5:6 f; cp -p f g; stat -c "%a %u %g" g')).toBe('600 5 6\n');
  });
  it('chmod and chown', () => {
    expect(sh('touch f; chmod u+x,go-w f; stat -c %A f; chmod a=r f; stat -c %A f; chmod =rw f; stat -c %a f; chmod zz f')).toBe(
      "-rwxr--r--\n-r--r--r--\n644\nchmod: invalid mode: ‘zz’\nTry 'chmod --help' for more information.\n",
    );
    expect(sh('mkdir -p d/e; chmod -R 700 d; stat -c %a d d/e')).toBe('700\n700\n');
    expect(sh('touch f; chown 7:8 f; stat -c "%u %g" f; chown root: f; stat -c "%U %G" f; chown bogus f')).toBe(
      '7 8\nroot root\nchown: invalid user: ‘bogus’\n',
    );
  });
  it('mknod and mkfifo', () => {
    expect(sh('mknod c c 1 3; mknod -m 600 p p; mkfifo -m 640 ff; stat -c "%A %t %T %F" c p ff; mknod z c 1')).toBe(
      'crw-r--r-- 1 3 character special file\nprw------- 0 0 fifo\nprw-r----- 0 0 fifo\n' +
        "mknod: missing operand after ‘1’\nTry 'mknod --help' for more information.\n",
    );
  });
  it('basename and dirname', () => {
    expect(sh('basename /a/b/c.txt .txt; basename -s .c a.c b.c; basename /; dirname /a/b/ c /')).toBe('c\na\nb\n/\n/a\n.\n/\n');
  });
});

describe('stat', () => {
  it('default format', () => {
    expect(sh('touch f; stat f')).toMatch(
      /^ {2}File: f\n {2}Size: 0 {9}\tBlocks: 0 {10}IO Block: 4096 {3}regular empty file\nDevice: \d+,\d+\tInode: \d+ +Links: 1\n/,
    );
    expect(sh('touch f; stat f').split('\n').slice(3).join('\n')).toMatch(
      /^Access: \(0644\/-rw-r--r--\) {2}Uid: \( {4}0\/ {4}root\) {3}Gid: \( {4}0\/ {4}root\)\n/ ,
    );
    expect(sh('touch f; stat f')).toMatch(/\nModify: 2026-01-01 00:00:00\.\d{9} \+0000\nChange: 2026-01-01 00:00:00\.\d{9} \+0000\n Birth: 2026-01-01 00:00:00\.\d{9} \+0000\n$/);
  });
  it('-c formats and errors', () => {
    expect(sh('ln -s x l; stat -c "%n %N %F %a" l; stat nope')).toBe(
      "l 'l' -> 'x' symbolic link 777\nstat: cannot statx 'nope': No such file or directory\n",
    );
    expect(sh('stat -c "%n|%s|%A|%F|%t,%T|%U" /dev/null')).toBe('/dev/null|0|crw-rw-rw-|character special file|1,3|root\n');
  });
});
