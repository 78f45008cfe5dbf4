// /proc/<pid>/status: the field names and their order against the capture from real Linux, the
// value formats, and that the values come from the task's live state.

import { describe, expect, it } from 'vitest';
import { do_exit } from '../../../../../emulator/kernel/exit';
import { TASK_INTERRUPTIBLE, TASK_STOPPED } from '../../../../../emulator/kernel/sched/task';
import { sigmask, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIG_IGN } from '../../../../../emulator/uapi/signal';
import { readReference } from '../../../../reference';
import { addThread, adopt, procKernel, statusFields, UTask } from './fixture';

/** The names in the status file captured on real Linux (cat /proc/self/status). */
const REFERENCE_NAMES = readReference('raw/proc_self_status.txt')
  .split('\n')
  .filter((l) => l)
  .map((l) => l.slice(0, l.indexOf(':')));

/** A zombie's lines on real Linux (linux-facts.md 4.1). */
const ZOMBIE_NAMES =
  'Name State Tgid Ngid Pid PPid TracerPid Uid Gid FDSize Groups NStgid NSpid NSpgid NSsid Kthread Threads SigQ SigPnd ShdPnd SigBlk SigIgn SigCgt CapInh CapPrm CapEff CapBnd CapAmb NoNewPrivs Seccomp Seccomp_filters Speculation_Store_Bypass SpeculationIndirectBranch Cpus_allowed Cpus_allowed_list Mems_allowed Mems_allowed_list voluntary_ctxt_switches nonvoluntary_ctxt_switches'.split(' ');

function status(u: UTask, pid: number | string): Map<string, string> {
  return new Map(statusFields(u.get(`/proc/${pid}/status`)));
}

describe('/proc/<pid>/status', () => {
  it('has every field of the reference capture, in the same order, each "Name:\\tvalue"', () => {
    const { root } = procKernel();
    const names = statusFields(root.get('/proc/self/status')).map(([n]) => n);
    expect(names).toEqual(REFERENCE_NAMES);
    expect(names).toHaveLength(59);
  });

  it('formats values as Linux does', () => {
    const { root } = procKernel();
    const text = root.get('/proc/self/status');
    expect(text).toMatch(/^Name:\tfstest1\nUmask:\t0022\nState:\tR \(running\)\nTgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n/);
    expect(text).toContain('\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t \n');
    expect(text).toMatch(/\nVmPeak:\t {1,7}\d+ kB\n/);
    expect(text).toMatch(/\nVmSize:\t[ \d]{8} kB\n/);
    expect(text).toContain('\nHugetlbPages:\t       0 kB\nCoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n');
    expect(text).toContain('\nSigPnd:\t0000000000000000\n');
    expect(text).toContain('\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n');
    expect(text).toMatch(/\nMems_allowed:\t(00000000,){31}00000001\nMems_allowed_list:\t0\n/);
    expect(text.endsWith('\nnonvoluntary_ctxt_switches:\t0\n')).toBe(true);
  });

  it('shows the ids, groups, umask and credentials of the task', () => {
    const { k, root } = procKernel();
    const u = new UTask(k, 1000, 100);
    u.t.cred.groups = [100, 27];
    u.t.cred.euid = 1001;
    u.t.fs.umask = 0o077;
    u.t.group.pgid = 7;
    u.t.group.sid = 5;
    adopt(root, u);
    const s = status(root, u.t.tid);
    expect(s.get('Umask')).toBe('0077');
    expect(s.get('PPid')).toBe('1');
    expect(s.get('Uid')).toBe('1000\t1001\t1000\t1000');
    expect(s.get('Gid')).toBe('100\t100\t100\t100');
    expect(s.get('Groups')).toBe('100 27 ');
    expect(s.get('NSpgid')).toBe('7');
    expect(s.get('NSsid')).toBe('5');
    expect(s.get('CapEff')).toBe('0000000000000000');
  });

  it('spells each state', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    u.t.state = TASK_INTERRUPTIBLE;
    expect(status(root, u.t.tid).get('State')).toBe('S (sleeping)');
    u.t.state = TASK_STOPPED;
    expect(status(root, u.t.tid).get('State')).toBe('T (stopped)');
  });

  it('shows the signal masks as 16 hex digits', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    u.t.blocked = sigmask(SIGINT) | (1n << 63n);
    u.t.pending.set = sigmask(SIGUSR1);
    u.t.group.sharedPending.set = sigmask(SIGTERM);
    u.t.sighand.action[SIGUSR2]!.handler = SIG_IGN;
    u.t.sighand.action[SIGINT]!.handler = 0x401000;
    const s = status(root, u.t.tid);
    expect(s.get('SigBlk')).toBe('8000000000000002');
    expect(s.get('SigPnd')).toBe('0000000000000200');
    expect(s.get('ShdPnd')).toBe('0000000000004000');
    expect(s.get('SigIgn')).toBe('0000000000000800');
    expect(s.get('SigCgt')).toBe('0000000000000002');
  });

  it('counts memory from the address space in kB', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const before = Number(status(root, u.t.tid).get('VmRSS')!.replace(' kB', ''));
    u.alloc(5 * 4096); // touches five more pages of the scratch mapping
    const s = status(root, u.t.tid);
    expect(Number(s.get('VmRSS')!.replace(' kB', ''))).toBeGreaterThanOrEqual(before + 20);
    expect(s.get('VmSize')).toBe(String(u.t.mm!.totalVm / 1024).padStart(8) + ' kB');
    expect(s.get('RssAnon')).toBe(s.get('VmRSS'));
  });

  it('counts threads and shows each thread its own Pid', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const th = addThread(u);
    expect(status(root, u.t.tid).get('Threads')).toBe('2');
    const s = status(root, `${u.t.tid}/task/${th.tid}`);
    expect(s.get('Pid')).toBe(String(th.tid));
    expect(s.get('Tgid')).toBe(String(u.t.tid));
  });

  it('leaves out Umask and the memory lines for a zombie, as Linux does', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    adopt(root, u);
    do_exit(u.t, 3 << 8);
    const fields = statusFields(root.get(`/proc/${u.t.tid}/status`));
    expect(fields.map(([n]) => n)).toEqual(ZOMBIE_NAMES);
    const s = new Map(fields);
    expect(s.get('State')).toBe('Z (zombie)');
    expect(s.get('FDSize')).toBe('0');
  });
});
