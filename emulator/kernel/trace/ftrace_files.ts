// The files of tracefs (kernel/trace/trace.c tracer_init_tracefs, trace_events.c, ftrace.c):
//
//   available_tracers  current_tracer  tracing_on  buffer_size_kb  set_ftrace_pid
//   trace        the buffer with a header (reading does not consume; opening with O_TRUNC clears)
//   trace_pipe   the buffer consumed as it is read; blocks while empty (EAGAIN with O_NONBLOCK)
//   available_events                       "syscalls:sys_enter_openat" …
//   events/enable, events/syscalls/enable  0, 1, or X (some on, some off)
//   events/syscalls/sys_enter_X/{enable,format,id} and sys_exit_X/… for every syscall we know
//
// Modes are 6.1's TRACE_MODE_WRITE (0640) and TRACE_MODE_READ (0440); directories 0750.
// A bad value written is EINVAL, as kstrtoul and the tracer lookup answer.

import { EAGAIN, EINVAL } from '../../uapi/errno';
import { O_NONBLOCK } from '../../uapi/fcntl';
import { POLLIN, POLLRDNORM } from '../../uapi/poll';
import { allSignatures, type ArgKind, type SyscallSignature } from '../../uapi/syscall_signatures';
import type { Kernel } from '../kernel';
import { sleepOn } from '../sched/wait';
import type { Dentry } from '../fs/dentry';
import { poll_wait, type FileOperations } from '../fs/fs';
import { bytesOf } from '../fs/libfs';
import { attr_fops, pseudo_create_dir, pseudo_create_file, simple_dir_operations } from '../fs/debugfs/inode';
import { tracefs_fs_type, tracefs_root } from '../fs/tracefs/inode';
import { debugfs_root } from '../fs/debugfs/inode';
import { kernel_vfs } from '../fs/vfs';
import { global_trace, print_entry, print_trace, TRACE_BUF_SIZE_MIN_KB, TRACERS, type TraceArray, type TracerName } from './ftrace';

const TRACE_MODE_WRITE = 0o640, TRACE_MODE_READ = 0o440, TRACE_DIR_MODE = 0o750;

/** kstrtoul of what was written: digits with an optional trailing newline, else -EINVAL. */
function kstrtoul(s: string): number {
  const m = /^\s*(\d+)\n?$/.exec(s);
  return m ? Number(m[1]) : -EINVAL;
}

const tr_of = (k: Kernel): TraceArray => global_trace(k);

const tracing_on_fops = attr_fops({
  show: (k) => `${tr_of(k).tracingOn ? 1 : 0}\n`,
  store: (k, _i, v) => {
    const n = kstrtoul(v);
    if (n < 0) return n;
    tr_of(k).tracingOn = n !== 0;
    return v.length;
  },
});

const available_tracers_fops = attr_fops({ show: () => `${TRACERS.join(' ')}\n` });

const current_tracer_fops = attr_fops({
  show: (k) => `${tr_of(k).tracer}\n`,
  store: (k, _i, v) => {
    const name = v.trimEnd();
    if (!(TRACERS as readonly string[]).includes(name)) return -EINVAL;
    const tr = tr_of(k);
    if (tr.tracer !== name) {
      tr.tracer = name as TracerName;
      tr.reset();
      tr.update();
    }
    return v.length;
  },
});

const buffer_size_kb_fops = attr_fops({
  show: (k) => {
    const tr = tr_of(k);
    return tr.expanded ? `${tr.bufferSizeKb}\n` : `${TRACE_BUF_SIZE_MIN_KB} (expanded: ${tr.bufferSizeKb})\n`;
  },
  store: (k, _i, v) => {
    const n = kstrtoul(v);
    if (n <= 0) return -EINVAL;
    const tr = tr_of(k);
    tr.bufferSizeKb = n;
    tr.expanded = true;
    const max = tr.maxEntries;
    if (tr.entries.length > max) tr.entries.splice(0, tr.entries.length - max);
    return v.length;
  },
});

const set_ftrace_pid_fops = attr_fops({
  show: (k) => {
    const pids = [...tr_of(k).ftracePids].sort((a, b) => a - b);
    return pids.length ? pids.map((p) => `${p}\n`).join('') : 'no pid\n';
  },
  truncate: (k) => tr_of(k).ftracePids.clear(),
  store: (k, _i, v) => {
    const words = v.split(/\s+/).filter(Boolean);
    const pids: number[] = [];
    for (const w of words) {
      if (!/^\d+$/.test(w)) return -EINVAL;
      pids.push(Number(w));
    }
    for (const p of pids) tr_of(k).ftracePids.add(p);
    return v.length;
  },
});

/** trace: the snapshot at open; writing anything is accepted (the clearing is done by O_TRUNC). */
const trace_fops = attr_fops({
  show: (k) => print_trace(tr_of(k)),
  truncate: (k) => tr_of(k).reset(),
  store: (_k, _i, v) => v.length,
});

/** trace_pipe: consume whole entries that fit in the read. */
const trace_pipe_fops: FileOperations = {
  read: (file, t, count) => {
    const tr = tr_of(t.kernel);
    if (!tr.entries.length) {
      if (file.f_flags & O_NONBLOCK) return -EAGAIN;
      return sleepOn(t, tr.wait);
    }
    let out = '';
    while (tr.entries.length) {
      const line = print_entry(tr, tr.entries[0]!);
      if (out.length + line.length > count) {
        if (!out) out = line.slice(0, count); // a read smaller than one line gets its start
        else break;
      } else out += line;
      tr.entries.shift();
      if (out.length >= count) break;
    }
    return bytesOf(out);
  },
  poll: (_file, t, pt) => {
    const tr = tr_of(t.kernel);
    poll_wait(pt, tr.wait);
    return tr.entries.length ? POLLIN | POLLRDNORM : 0;
  },
};

// ---- events ----

/** The C type each argument kind has in the SYSCALL_DEFINE (approximate for the structs). */
function c_type(kind: ArgKind): string {
  switch (kind) {
    case 'path': case 'string': return 'const char *';
    case 'size': return 'size_t';
    case 'off': return 'loff_t';
    case 'mode': return 'umode_t';
    case 'uint': case 'open_flags': case 'at_flags': return kind === 'open_flags' ? 'int' : 'unsigned int';
    case 'ulong': case 'hex': return 'unsigned long';
    case 'long': return 'long';
    case 'pid': return 'pid_t';
    case 'uid': return 'uid_t';
    case 'gid': return 'gid_t';
    case 'clockid': return 'clockid_t';
    case 'int': case 'fd': case 'dirfd': case 'signal': case 'whence': case 'access_mode': case 'wait_options':
    case 'sigprocmask_how': case 'idtype': case 'rename_flags': case 'dup3_flags': case 'pipe_flags':
    case 'rlimit_resource': case 'grnd_flags': case 'timer_flags': case 'reboot_cmd': case 'reboot_magic':
    case 'prctl_option': case 'arch_prctl_code': case 'ioctl_cmd': case 'fcntl_cmd':
      return 'int';
    default:
      return kind.endsWith('_in') || kind === 'argv' || kind === 'envp' ? 'const void *' : 'void *';
  }
}

const COMMON_FIELDS = `	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
`;

function enter_format(sig: SyscallSignature, id: number): string {
  let s = `name: sys_enter_${sig.name}\nID: ${id}\nformat:\n${COMMON_FIELDS}`;
  sig.args.forEach(([n, kind], i) => {
    s += `\tfield:${c_type(kind)} ${n};\toffset:${16 + 8 * i};\tsize:8;\tsigned:0;\n`;
  });
  const fmt = sig.args.map(([n]) => `${n}: 0x%08lx`).join(', ');
  const vals = sig.args.map(([n]) => `, ((unsigned long)(REC->${n}))`).join('');
  return `${s}\nprint fmt: "${fmt}"${vals}\n`;
}

function exit_format(sig: SyscallSignature, id: number): string {
  return `name: sys_exit_${sig.name}\nID: ${id}\nformat:\n${COMMON_FIELDS}\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n\nprint fmt: "0x%lx", REC->ret\n`;
}

/** An event's enable file: "0" or "1"; writing anything else is EINVAL. */
function event_enable_fops(set: (tr: TraceArray) => Set<number>, nr: number): FileOperations {
  return attr_fops({
    show: (k) => `${set(tr_of(k)).has(nr) ? 1 : 0}\n`,
    store: (k, _i, v) => {
      const n = kstrtoul(v);
      if (n !== 0 && n !== 1) return -EINVAL;
      const tr = tr_of(k);
      if (n) set(tr).add(nr);
      else set(tr).delete(nr);
      tr.update();
      return v.length;
    },
  });
}

/** events/enable and events/syscalls/enable: every syscall event at once. */
function all_enable_fops(sigs: readonly SyscallSignature[]): FileOperations {
  return attr_fops({
    show: (k) => {
      const tr = tr_of(k);
      const total = sigs.length * 2;
      const on = sigs.reduce((a, s) => a + (tr.enterEnabled.has(s.nr) ? 1 : 0) + (tr.exitEnabled.has(s.nr) ? 1 : 0), 0);
      return on === 0 ? '0\n' : on === total ? '1\n' : 'X\n';
    },
    store: (k, _i, v) => {
      const n = kstrtoul(v);
      if (n !== 0 && n !== 1) return -EINVAL;
      const tr = tr_of(k);
      for (const s of sigs) {
        if (n) {
          tr.enterEnabled.add(s.nr);
          tr.exitEnabled.add(s.nr);
        } else {
          tr.enterEnabled.delete(s.nr);
          tr.exitEnabled.delete(s.nr);
        }
      }
      tr.update();
      return v.length;
    },
  });
}

/** The first event id (Linux numbers events as they register; the built-in ones come first). */
const FIRST_SYSCALL_EVENT_ID = 300;

/**
 * event_trace_add_tracer for the syscalls system: events/ and events/syscalls/, whose ~400
 * sys_enter_X/sys_exit_X directories are made on first use — when something looks a name up in
 * events/syscalls or lists it — as Linux 6.6's eventfs makes its dentries on demand, instead of
 * at every boot. Returns the event names for available_events.
 */
function init_syscall_events(root: Dentry): string[] {
  const sigs = allSignatures().filter((s) => s.name && !s.name.startsWith('ni_'));
  const events = pseudo_create_dir(root, 'events', TRACE_DIR_MODE);
  pseudo_create_file(events, 'enable', TRACE_MODE_WRITE, all_enable_fops(sigs));
  let populated = false;
  const populate = () => {
    if (populated) return;
    populated = true;
    let id = FIRST_SYSCALL_EVENT_ID;
    for (const sig of sigs) {
      const exitId = id++, enterId = id++;
      for (const [kind, evId] of [['enter', enterId], ['exit', exitId]] as const) {
        const d = pseudo_create_dir(sys, `sys_${kind}_${sig.name}`, TRACE_DIR_MODE);
        const set = kind === 'enter' ? (tr: TraceArray) => tr.enterEnabled : (tr: TraceArray) => tr.exitEnabled;
        pseudo_create_file(d, 'enable', TRACE_MODE_WRITE, event_enable_fops(set, sig.nr));
        const fmt = kind === 'enter' ? () => enter_format(sig, evId) : () => exit_format(sig, evId);
        pseudo_create_file(d, 'format', TRACE_MODE_READ, attr_fops({ show: fmt }));
        pseudo_create_file(d, 'id', TRACE_MODE_READ, attr_fops({ show: () => `${evId}\n` }));
      }
    }
  };
  const sys = pseudo_create_dir(events, 'syscalls', TRACE_DIR_MODE, {
    // A miss in the dentry cache: make the directories, and let the VFS find the name among them.
    lookup: () => {
      populate();
      return null;
    },
  });
  sys.inode!.fop = { ...sys.inode!.fop, iterate: (file, t, ctx) => (populate(), simple_dir_operations.iterate!(file, t, ctx)) };
  pseudo_create_file(sys, 'enable', TRACE_MODE_WRITE, all_enable_fops(sigs));
  return sigs.flatMap((sig) => [`syscalls:sys_exit_${sig.name}`, `syscalls:sys_enter_${sig.name}`]);
}

/** tracer_init_tracefs: fill the tracefs tree. */
export function tracer_init_tracefs(kernel: Kernel): void {
  const root = tracefs_root(kernel);
  if (root.children.size) return;
  global_trace(kernel);
  pseudo_create_file(root, 'available_tracers', TRACE_MODE_READ, available_tracers_fops);
  pseudo_create_file(root, 'current_tracer', TRACE_MODE_WRITE, current_tracer_fops);
  pseudo_create_file(root, 'tracing_on', TRACE_MODE_WRITE, tracing_on_fops);
  pseudo_create_file(root, 'trace', TRACE_MODE_WRITE, trace_fops);
  pseudo_create_file(root, 'trace_pipe', TRACE_MODE_READ, trace_pipe_fops);
  pseudo_create_file(root, 'buffer_size_kb', TRACE_MODE_WRITE, buffer_size_kb_fops);
  pseudo_create_file(root, 'set_ftrace_pid', TRACE_MODE_WRITE, set_ftrace_pid_fops);
  const names = init_syscall_events(root);
  const list = names.map((n) => `${n}\n`).join('');
  pseudo_create_file(root, 'available_events', TRACE_MODE_READ, attr_fops({ show: () => list }));
  // trace_automount: /sys/kernel/debug/tracing mounts tracefs when first walked into, for tools
  // written before tracefs had its own place.
  const auto = pseudo_create_dir(debugfs_root(kernel), 'tracing', 0o755);
  auto.op = {
    d_automount: (path) => {
      const vfs = kernel_vfs(kernel);
      const sb = tracefs_fs_type.mount(vfs, 'tracefs', 0, '');
      return typeof sb === 'number' ? null : vfs.create_mount(sb, 'tracefs', path.mnt.flags, path.mnt.ns);
    },
  };
}
