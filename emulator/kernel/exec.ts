// execve(2): replace a process's program (fs/exec.c).
//
//   1. read argv and envp out of the caller's memory (copy_strings);
//   2. open the file, pick a binary format: "#!" scripts restart with their interpreter
//      (binfmt_script), ELF files are mapped into a new address space (binfmt_elf);
//   3. past the point of no return, drop the old address space, close O_CLOEXEC files, reset
//      caught signals to SIG_DFL, and build the new stack: argc, argv, envp, auxv, the strings.

import { E2BIG, EFAULT, ELOOP, ENOENT, ENOEXEC, ENOMEM } from '../uapi/errno';
import { PAGE_SIZE, PROT_READ, PROT_WRITE } from '../uapi/mman';
import { SIG_DFL, SIG_IGN } from '../uapi/signal';
import { UserRegs } from '../uapi/ptrace';
import { MM, FAULT_OK, mmput } from './mm/mm';
import { complete_vfork_done } from './fork';
import { VM_GROWSDOWN } from './mm/vma';
import { get_user_i64, strncpy_from_user, getname } from './mm/uaccess';
import { loadElfSegments, parseElf, type ElfImage } from './fs/binfmt_elf';
import { open_exec } from './fs/exec_file';
import { fput } from './fs/file';
import type { Task } from './sched/task';
import { printk } from './printk';
import { PTRACE_EVENT_EXEC } from '../uapi/ptrace';
import { ptrace_event_wanted } from './ptrace';
import { ftrace_graph_active, ftrace_graph_call } from './trace/ftrace';

/** Longest single argument or environment string, including the NUL (MAX_ARG_STRLEN). */
export const MAX_ARG_STRLEN = 32 * PAGE_SIZE;
/** Total argv+envp bytes allowed: a quarter of the 8 MiB stack limit, as Linux computes it. */
export const ARG_MAX = 2 * 1024 * 1024;
/** Where the stack ends (STACK_TOP without randomisation). */
export const STACK_TOP = 0x7ffffffff000;
/** The initial stack VMA: 132 KiB, like a fresh Linux process before it grows. */
const INITIAL_STACK = 33 * PAGE_SIZE;
/** How many "#!" interpreters may chain (binfmt_script recursion). */
const MAX_INTERP_DEPTH = 4;
/** Bytes of a script's first line binfmt_script looks at (BINPRM_BUF_SIZE). */
const BINPRM_BUF_SIZE = 256;

export const AT = {
  NULL: 0, PHDR: 3, PHENT: 4, PHNUM: 5, PAGESZ: 6, BASE: 7, FLAGS: 8, ENTRY: 9, UID: 11, EUID: 12,
  GID: 13, EGID: 14, PLATFORM: 15, HWCAP: 16, CLKTCK: 17, SECURE: 23, RANDOM: 25, HWCAP2: 26,
  EXECFN: 31, SYSINFO_EHDR: 33, MINSIGSTKSZ: 51,
} as const;

/** The binary program being set up (struct linux_binprm). */
interface Binprm {
  filename: string;
  argv: string[];
  envp: string[];
  /** The file name as the caller passed it (AT_EXECFN, and the command name even for a script). */
  execfn: string;
}

/** Read a NULL-terminated array of string pointers from user memory (copy_strings). */
function copy_strings(t: Task, arr: number, budget: { left: number }): string[] | number {
  const out: string[] = [];
  if (arr === 0) return out;
  for (let i = 0; ; i++) {
    const p = get_user_i64(t, arr + 8 * i);
    if (Number.isNaN(p)) return -EFAULT;
    if (p === 0) return out;
    const s = strncpy_from_user(t, p, MAX_ARG_STRLEN - 1);
    if (typeof s === 'number') return s === -EFAULT ? -EFAULT : -E2BIG;
    budget.left -= s.length + 1 + 8;
    if (budget.left < 0) return -E2BIG;
    out.push(s);
  }
}

export function sys_execve(t: Task, filename: number, argv: number, envp: number): number {
  // function_graph's probes (and the UI's call detail): one check while they are off.
  if (ftrace_graph_active) return ftrace_graph_call(t, 'do_execveat_common', () => do_execveat(t, filename, argv, envp));
  return do_execveat(t, filename, argv, envp);
}

export function sys_execveat(t: Task, dfd: number, filename: number, argv: number, envp: number, flags: number): number {
  // Only AT_FDCWD-relative or absolute paths for now; flags are accepted but not acted upon.
  void dfd;
  void flags;
  return do_execveat(t, filename, argv, envp);
}

function do_execveat(t: Task, filenameAddr: number, argvAddr: number, envpAddr: number): number {
  const graph = ftrace_graph_active !== 0;
  const filename = graph ? ftrace_graph_call(t, 'getname', () => getname(t, filenameAddr)) : getname(t, filenameAddr);
  if (typeof filename === 'number') return filename;
  const budget = { left: ARG_MAX };
  const argv = graph ? ftrace_graph_call(t, 'copy_strings', () => copy_strings(t, argvAddr, budget)) : copy_strings(t, argvAddr, budget);
  if (typeof argv === 'number') return argv;
  const envp = graph ? ftrace_graph_call(t, 'copy_strings', () => copy_strings(t, envpAddr, budget)) : copy_strings(t, envpAddr, budget);
  if (typeof envp === 'number') return envp;
  if (graph) return ftrace_graph_call(t, 'bprm_execve', () => kernel_execve(t, filename, argv, envp));
  return kernel_execve(t, filename, argv, envp);
}

/** execve with kernel-side strings: used by the syscall and to start /sbin/init. */
export function kernel_execve(t: Task, filename: string, argv: string[], envp: string[]): number {
  if (filename === '') return -ENOENT;
  return exec_binprm(t, { filename, argv, envp, execfn: filename }, 0);
}

function exec_binprm(t: Task, bprm: Binprm, depth: number): number {
  if (depth > MAX_INTERP_DEPTH) return -ELOOP;
  const opened = open_exec(t, bprm.filename);
  if (typeof opened === 'number') return opened;
  const bytes = opened.bytes;
  // The bytes are copied into the new address space, so the file is not kept open (Linux keeps it
  // as mm->exe_file, which is what makes writing a running binary ETXTBSY; not modelled yet).
  fput(opened.file, t);
  if (bytes[0] === 0x23 && bytes[1] === 0x21) {
    if (ftrace_graph_active) return ftrace_graph_call(t, 'load_script', () => load_script(t, bprm, bytes, depth));
    return load_script(t, bprm, bytes, depth);
  }
  const img = parseElf(bytes);
  if (typeof img === 'number') return img;
  if (img.interp !== null) {
    printk(t.kernel, 4, `${bprm.filename}: cannot run a dynamically linked program: its interpreter ${img.interp} does not exist on this machine`);
    return -ENOENT;
  }
  const load = () => load_elf(t, bprm, img, bytes, opened.path, opened.inode.ino, opened.inode.sb.dev);
  return ftrace_graph_active ? ftrace_graph_call(t, 'load_elf_binary', load) : load();
}

/** binfmt_script: "#!interpreter [one-arg]" — run the interpreter with the script as its argument. */
function load_script(t: Task, bprm: Binprm, bytes: Uint8Array, depth: number): number {
  let end = bytes.indexOf(0x0a);
  if (end < 0 || end > BINPRM_BUF_SIZE) end = Math.min(bytes.length, BINPRM_BUF_SIZE);
  const line = String.fromCharCode(...bytes.subarray(2, end)).replace(/[ \t]+$/, '');
  const m = /^[ \t]*(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return -ENOEXEC;
  const interp = m[1]!;
  const arg = m[2];
  const argv = [interp, ...(arg !== undefined ? [arg] : []), bprm.filename, ...bprm.argv.slice(1)];
  return exec_binprm(t, { ...bprm, filename: interp, argv }, depth + 1);
}

function load_elf(t: Task, bprm: Binprm, img: ElfImage, bytes: Uint8Array, path: string, ino: number, dev: number): number {
  const kernel = t.kernel;
  const mm = new MM(kernel.phys);
  mm.observer = kernel.faultObserver;
  const loaded = loadElfSegments(mm, img, bytes, { path, ino, dev });
  if (typeof loaded === 'number') {
    mm.destroy();
    return loaded;
  }
  const regs = new UserRegs();
  // arch_setup_additional_pages: the vDSO, before the stack so AT_SYSINFO_EHDR can name it.
  if (kernel.vdso && kernel.vdso.map_vdso(mm) < 0) {
    mm.destroy();
    return -ENOMEM;
  }
  const sp = setup_arg_pages(t, mm, bprm, img, loaded.entry, loaded.phdrAddr);
  if (sp < 0) {
    mm.destroy();
    return sp;
  }
  regs.rip = loaded.entry;
  regs.rsp = sp;
  const uctx = kernel.runtime.createContext(mm, regs, img.note);
  if (!uctx) {
    mm.destroy();
    printk(kernel, 4, `${bprm.filename}: no CPU on this machine can run this binary`);
    return -ENOEXEC;
  }

  // ---- the point of no return (begin_new_exec) ----
  const old = t.mm;
  t.mm = mm;
  // The syscall is still execve on the way out (a tracer's exit stop reads orig_rax).
  if (t.uctx) uctx.regs.orig_rax = t.uctx.regs.orig_rax;
  t.uctx = uctx;
  if (old) mmput(old);
  complete_vfork_done(t);
  t.files.closeOnExec(t);
  flush_signal_handlers(t);
  t.altStack = { sp: 0, size: 0, flags: 2 };
  t.comm = basename(bprm.execfn).slice(0, 15);
  t.exePath = path;
  t.didExec = true;
  t.kernel.traceEvent(t, { kind: 'exec', path, argv: bprm.argv });
  if (ptrace_event_wanted(t, PTRACE_EVENT_EXEC, t.tid)) t.ptraceEvent = PTRACE_EVENT_EXEC;
  return 0;
}

/** Caught signals go back to SIG_DFL across exec; ignored ones stay ignored (flush_signal_handlers). */
function flush_signal_handlers(t: Task): void {
  if (t.sighand.action.some((a) => a.handler !== SIG_DFL && a.handler !== SIG_IGN)) t.sighand = t.sighand.clone();
  for (const a of t.sighand.action) {
    if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
    a.flags = 0;
    a.restorer = 0;
    a.mask = 0n;
  }
}

function basename(p: string): string {
  const parts = p.split('/').filter(Boolean);
  return parts.length ? parts[parts.length - 1]! : p;
}

/**
 * Build the initial stack (create_elf_tables): from the top, the execfn and the argv/envp strings,
 * 16 random bytes for AT_RANDOM and the platform string; then, 16-byte aligned, argc, the argv
 * pointers, NULL, the envp pointers, NULL, and the auxiliary vector. Returns the new rsp.
 */
function setup_arg_pages(t: Task, mm: MM, bprm: Binprm, img: ElfImage, entry: number, phdrAddr: number): number {
  const enc = (s: string) => Uint8Array.from(s + '\0', (c) => c.charCodeAt(0) & 0xff);
  mm.mapArea(STACK_TOP - INITIAL_STACK, STACK_TOP, PROT_READ | PROT_WRITE | (img.execStack ? 4 : 0), VM_GROWSDOWN, '[stack]');
  mm.startStack = STACK_TOP;
  let p = STACK_TOP - 8;
  const push = (data: Uint8Array): number => {
    p -= data.length;
    return mm.writeFrom(p, data) === FAULT_OK ? p : -1;
  };
  const execfn = push(enc(bprm.execfn));
  const envPtrs: number[] = [];
  const argPtrs: number[] = [];
  // Strings go in order argv then envp, with argv lowest, as Linux lays them out.
  const envBytes = bprm.envp.map(enc);
  const argBytes = bprm.argv.map(enc);
  for (let i = envBytes.length - 1; i >= 0; i--) envPtrs.unshift(push(envBytes[i]!));
  mm.envEnd = envPtrs.length ? envPtrs[envPtrs.length - 1]! + envBytes[envBytes.length - 1]!.length : p;
  mm.envStart = envPtrs[0] ?? p;
  for (let i = argBytes.length - 1; i >= 0; i--) argPtrs.unshift(push(argBytes[i]!));
  mm.argStart = argPtrs[0] ?? p;
  mm.argEnd = mm.envStart;
  const random = new Uint8Array(16);
  t.kernel.random.fill(random);
  const platform = push(enc('x86_64'));
  p -= p % 16;
  const atRandom = push(random);
  if (execfn < 0 || platform < 0 || atRandom < 0 || envPtrs.includes(-1) || argPtrs.includes(-1)) return -ENOMEM;
  const c = t.cred;
  const auxv: [number, number][] = [
    [AT.HWCAP, 0x178bfbff], [AT.PAGESZ, PAGE_SIZE], [AT.CLKTCK, 100], [AT.PHDR, phdrAddr],
    [AT.PHENT, 56], [AT.PHNUM, img.phnum], [AT.BASE, 0], [AT.FLAGS, 0], [AT.ENTRY, entry],
    [AT.UID, c.uid], [AT.EUID, c.euid], [AT.GID, c.gid], [AT.EGID, c.egid], [AT.SECURE, 0],
    [AT.RANDOM, atRandom], [AT.HWCAP2, 2], [AT.EXECFN, execfn], [AT.PLATFORM, platform],
    [AT.MINSIGSTKSZ, 2048], [AT.NULL, 0],
  ];
  if (mm.vdsoBase) auxv.unshift([AT.SYSINFO_EHDR, mm.vdsoBase]);
  mm.savedAuxv = auxv.flat();
  const words = [bprm.argv.length, ...argPtrs, 0, ...envPtrs, 0, ...auxv.flat()];
  p -= words.length * 8;
  p -= p % 16;
  const table = new DataView(new ArrayBuffer(words.length * 8));
  words.forEach((w, i) => table.setBigUint64(i * 8, BigInt(w), true));
  if (mm.writeFrom(p, new Uint8Array(table.buffer)) !== FAULT_OK) return -ENOMEM;
  return p;
}
