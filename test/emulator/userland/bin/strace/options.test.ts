import { describe, expect, it } from 'vitest';
import {
  parseOptions,
  type ParseResult,
  type StraceOptions,
} from '../../../../../emulator/userland/bin/strace/options';
import { syscallNumber } from '../../../../../emulator/uapi/unistd_64';

const parse = (line: string): ParseResult => parseOptions(['strace', ...line.split(' ').filter(Boolean)]);
function run(line: string): StraceOptions {
  const r = parse(line);
  if (r.kind !== 'run') throw new Error(JSON.stringify(r));
  return r.options;
}
const error = (line: string) => {
  const r = parse(line);
  return r.kind === 'error' ? [r.message, r.usage] : r.kind;
};
const nr = (name: string) => syscallNumber.get(name)!;

describe('strace options', () => {
  it('stops at the command: its own options are left to it', () => {
    const o = run('-f -s 64 ls -l -a');
    expect(o.command).toEqual(['ls', '-l', '-a']);
    expect(o.follow).toBe(true);
    expect(o.decode.strsize).toBe(64);
  });
  it('counts repeated letters: -ff, -tt, -ttt, -xx, -yy, -qq', () => {
    const o = run('-ff -o out -ttt -xx -yy -qq true');
    expect([o.separateFiles, o.timestamps, o.decode.xflag, o.decode.decodeFds, o.quietAttach, o.quietExit]).toEqual([
      true,
      3,
      2,
      2,
      true,
      true,
    ]);
    expect(run('-tttt -xxx true').timestamps).toBe(3);
    // -ff without -o is -f.
    expect(run('-ff true').separateFiles).toBe(false);
  });
  it('GNU getopt messages and strace 6.1 checks (exit 1)', () => {
    expect(error('-Q true')).toEqual(["invalid option -- 'Q'", true]);
    expect(error('--foo true')).toEqual(["unrecognized option '--foo'", true]);
    expect(error('-o')).toEqual(["option requires an argument -- 'o'", true]);
    expect(error('')).toEqual(['must have PROG [ARGS] or -p PID', true]);
    expect(error('-s x true')).toEqual(["invalid -s argument: 'x'", true]);
    expect(error('-s -1 true')).toEqual(["invalid -s argument: '-1'", true]);
    expect(error('-s 99999999999 true')).toEqual(["invalid -s argument: '99999999999'", true]);
    expect(error('-a x true')).toEqual(["invalid -a argument: 'x'", true]);
    expect(error('-p x')).toEqual(["Invalid process id: 'x'", false]);
    expect(error('-p 0')).toEqual(["Invalid process id: '0'", false]);
    expect(error('-S bad true')).toEqual(["invalid sortby: 'bad'", true]);
    expect(error('-c -C true')).toEqual(['-c/--summary-only and -C/--summary are mutually exclusive', true]);
    expect(error('-w true')).toEqual([
      '-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)',
      true,
    ]);
    expect(error('-I 9 true')).toEqual(["invalid -I argument: '9'", true]);
    expect(error('-e trace=foo true')).toEqual(["invalid system call 'foo'", false]);
    expect(error('-e foo true')).toEqual(["invalid system call 'foo'", false]);
    expect(error('-e foo=bar true')).toEqual(["invalid system call 'foo=bar'", false]);
    expect(error('-e trace= true')).toEqual(["invalid system call ''", false]);
    expect(error('-e signal=foo true')).toEqual(["invalid signal 'foo'", false]);
    expect(error('-e status=bad true')).toEqual(["invalid status 'bad'", false]);
  });
  it('-h and -V end at once', () => {
    expect(parse('-h').kind).toBe('help');
    expect(parse('-V').kind).toBe('version');
  });
  it('-p takes several pids, in one argument or many', () => {
    expect(run('-p 12 -p 13,14').pids).toEqual([12, 13, 14]);
  });
  it('-e trace= lists, classes, negation; a later -e trace= replaces', () => {
    const o = run('-e trace=open,%network true');
    expect(o.trace.has(nr('open'))).toBe(true);
    expect(o.trace.has(nr('connect'))).toBe(true);
    expect(o.trace.has(nr('close'))).toBe(false);
    expect(run('-e open true').trace.has(nr('open'))).toBe(true);
    const neg = run('-e trace=!close true').trace;
    expect([neg.has(nr('close')), neg.has(nr('read')), neg.has(999)]).toEqual([false, true, true]);
    const later = run('-e trace=read -e trace=write true').trace;
    expect([later.has(nr('read')), later.has(nr('write'))]).toEqual([false, true]);
    expect(run('-e trace=none true').trace.has(nr('read'))).toBe(false);
    expect(run('-e trace=/^getp true').trace.has(nr('getppid'))).toBe(true);
    expect(run('-e trace=?nosuch,read true').trace.has(nr('read'))).toBe(true);
    expect(run('-e trace=open@64 true').trace.has(nr('open'))).toBe(true);
  });
  it('-e signal=, -e status=, -z and -Z', () => {
    const s = run('-e signal=USR1,sigchld,2 true').signals;
    expect([s.has(10), s.has(17), s.has(2), s.has(15)]).toEqual([true, true, true, false]);
    expect(run('-e signal=none true').signals.has(10)).toBe(false);
    const z = parse('-z -Z true');
    expect(z.kind === 'run' && z.warnings).toEqual([
      'Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.',
    ]);
    expect(run('-Z true').status.has(1)).toBe(true);
    expect(run('-Z true').status.has(0)).toBe(false);
    expect(run('-e status=successful true').status.has(0)).toBe(true);
  });
  it('-e read= and -e write=: fds to dump', () => {
    const o = run('-e read=3 -e write=all true');
    expect([o.readFds.has(3), o.readFds.has(1), o.writeFds.has(1), o.writeFds.has(7)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(run('true').writeFds.isNone).toBe(true);
    expect(error('-e write=x true')).toEqual(["invalid descriptor 'x'", false]);
    expect(error('-e read=-1 true')).toEqual(["invalid descriptor '-1'", false]);
  });
  it('summary options', () => {
    const o = run('-c -S calls -w true');
    expect([o.summary, o.sortBy, o.wallClock]).toEqual(['only', 'calls', true]);
    expect(run('-C -S count true').sortBy).toBe('calls');
    const r = parse('-c -r -T -t -y -n -x true');
    expect(r.kind === 'run' && r.warnings).toEqual([
      '-n/--syscall-number has no effect with -c/--summary-only',
      '-r/--relative-timestamps has no effect with -c/--summary-only',
      '-t/--absolute-timestamps has no effect with -c/--summary-only',
      '-T/--syscall-times has no effect with -c/--summary-only',
      '-y/--decode-fds has no effect with -c/--summary-only',
    ]);
    expect(error('-ff -c true')).toEqual([
      '(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive',
      true,
    ]);
    const a = parse('-A true');
    expect(a.kind === 'run' && a.warnings).toEqual(['-A/--output-append-mode has no effect without -o/--output']);
  });
  it('long options', () => {
    const o = run(
      '--follow-forks --output=x --string-limit=5 --trace=read --summary-sort-by=name --decode-fds=all true',
    );
    expect([
      o.follow,
      o.outfile,
      o.decode.strsize,
      o.trace.has(0),
      o.trace.has(1),
      o.sortBy,
      o.decode.decodeFds,
    ]).toEqual([true, 'x', 5, true, false, 'name', 2]);
  });
  it('--seccomp-bpf is declined with strace 6.1’s warnings (there is no seccomp here)', () => {
    const warning = (line: string) => {
      const r = parse(line);
      return r.kind === 'run' && r.warnings;
    };
    expect(warning('--seccomp-bpf true')).toEqual([
      '--seccomp-bpf cannot be used without -f/--follow-forks, disabling',
    ]);
    expect(warning('--seccomp-bpf -f true')).toEqual([
      'Seccomp filter is requested but there are no syscalls to filter.  See -e trace to filter syscalls.',
    ]);
    expect(warning('--seccomp-bpf -f -e trace=open true')).toEqual(['seccomp filter is requested but unavailable']);
  });
});
