// A stand-in for the host's file browser in renderer tests: a small fixed tree answered through
// the machine store's transport, so answers pass validateEvent like real ones.

import type { FileEntry, FilesCommand, FilesResultEvent } from '../../../emulator/api/files';
import { PROTOCOL_VERSION, type Command, type HostEvent } from '../../../emulator/api/protocol';
import type { useMachineStore } from '../../../renderer/src/stores/machine';
import { status } from '../fixtures';

const S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000, S_IFCHR = 0o020000, S_IFBLK = 0o060000;

export function ent(name: string, type: FileEntry['type'], extra: Partial<FileEntry> = {}): FileEntry {
  const fmt = { d: S_IFDIR, '-': S_IFREG, l: S_IFLNK, c: S_IFCHR, b: S_IFBLK, p: 0o010000, s: 0o140000 }[type];
  const perm = type === 'd' ? 0o755 : type === 'l' ? 0o777 : type === 'c' ? 0o666 : 0o444;
  return { name, type, mode: fmt | perm, uid: 0, gid: 0, size: 0, nlink: 1, ino: 1, mtimeNs: 0, target: null, device: null, ...extra };
}

const dev = (name: string, type: 'c' | 'b', major: number, minor: number, driver: string, sub: string, sys: string) =>
  ent(name, type, {
    mode: (type === 'c' ? S_IFCHR : S_IFBLK) | (type === 'c' ? 0o666 : 0o660),
    gid: type === 'b' ? 6 : 0,
    device: { major, minor, driver, subsystem: sub, sysPath: sys, uevent: `MAJOR=${major}\nMINOR=${minor}\nDEVNAME=${name}\n` },
  });

export const TREE: Record<string, FileEntry[]> = {
  '/dev': [
    ent('fd', 'l', { target: '/proc/self/fd' }),
    dev('null', 'c', 1, 3, 'mem', 'mem', '/sys/devices/virtual/mem/null'),
    ent('pts', 'd'),
    dev('sda', 'b', 8, 0, 'sd', 'block', '/sys/devices/virtual/block/sda'),
  ],
  '/dev/pts': [ent('ptmx', 'c', { device: { major: 5, minor: 2, driver: '/dev/ptmx', subsystem: null, sysPath: null, uevent: null } })],
  '/proc': [ent('1', 'd'), ent('kmsg', '-', { mode: S_IFREG | 0o400 }), ent('self', 'l', { target: '1' })],
  '/proc/1': [ent('cmdline', '-'), ent('status', '-')],
  '/sys': [ent('class', 'd')],
  '/sys/class': [ent('tty', 'd')],
  '/sys/devices/virtual/mem/null': [ent('dev', '-'), ent('power', 'd'), ent('subsystem', 'l', { target: '../../../../class/mem' }), ent('uevent', '-', { mode: S_IFREG | 0o644 })],
  '/sys/class/tty': [ent('console', 'l', { target: '../../devices/virtual/tty/console' })],
};

export const CONTENT: Record<string, string> = {
  '/proc/1/status': 'Name:\tinit\nPid:\t1\n',
  '/proc/1/cmdline': '/sbin/init\0-c\0sh\0',
  '/sys/devices/virtual/mem/null/dev': '1:3\n',
  '/sys/devices/virtual/mem/null/uevent': 'MAJOR=1\nMINOR=3\nDEVNAME=null\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  '/etc/group': 'root:x:0:\ndisk:x:6:\n',
};

function find(path: string): FileEntry | null {
  const i = path.lastIndexOf('/');
  const dir = path.slice(0, i) || '/';
  if (TREE[path] && !TREE[dir]) return ent(path.slice(i + 1), 'd');
  return TREE[dir]?.find((e) => e.name === path.slice(i + 1)) ?? null;
}

export function answer(c: FilesCommand, boot = 1): FilesResultEvent {
  const op = c.type === 'files-list' ? 'list' : c.type === 'files-read' ? 'read' : 'stat';
  const base = { type: 'files-result' as const, protocol: PROTOCOL_VERSION, boot, id: c.id, op, path: c.path } satisfies Partial<FilesResultEvent>;
  const entry = find(c.path) ?? (CONTENT[c.path] !== undefined ? ent(c.path.split('/').pop()!, '-') : null);
  if (!entry) return { ...base, error: 'No such file or directory (ENOENT)' };
  if (op === 'list') {
    const entries = TREE[c.path];
    return entries ? { ...base, error: null, entry, entries, more: false } : { ...base, error: 'Not a directory (ENOTDIR)' };
  }
  if (op === 'stat') return { ...base, error: null, entry };
  if (c.path === '/proc/kmsg') return { ...base, error: 'Not read: reading /proc/kmsg consumes the kernel log', entry };
  const content = CONTENT[c.path];
  if (content === undefined) return { ...base, error: 'Is a directory (EISDIR)', entry };
  return { ...base, error: null, entry, content, truncated: false, binary: content.includes('\0') };
}

/** Connects the machine store to a fake host that answers files-* at once; returns what was sent. */
export function connectFakeHost(machine: ReturnType<typeof useMachineStore>, opts: { hold?: boolean } = {}) {
  const sent: Command[] = [];
  const held: FilesCommand[] = [];
  let deliver: (e: HostEvent) => void = () => {};
  machine.connect({
    send(cmd) {
      sent.push(cmd);
      if (!cmd.type.startsWith('files-')) return;
      if (opts.hold) held.push(cmd as FilesCommand);
      else deliver(answer(cmd as FilesCommand));
    },
    onEvent(cb) {
      deliver = cb;
      return () => {};
    },
  });
  machine.receive(status('running', 1));
  return { sent, held, deliver: (e: HostEvent) => deliver(e) };
}
