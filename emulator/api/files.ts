// The file-tree half of introspection: list a directory or read a file of the machine's VFS from
// outside, as a kernel debugger would — /dev with its device nodes, /proc, /sys. The host answers
// from the kernel's own path walk and file operations (emulator/host/file_browser.ts), as a
// kernel-side reader with root's powers; no process runs, so no syscall shows in any trace.
//
// Names and contents are the kernel's byte strings carried as latin1 (one char per byte, like the
// console's output: see latin1.ts); utf8Text() turns them into text for display.

/** ls -l's type letter: directory, regular, symlink, char device, block device, FIFO, socket. */
export type FileType = 'd' | '-' | 'l' | 'c' | 'b' | 'p' | 's';

/** What the device model says about a device node. */
export interface DeviceInfo {
  major: number;
  minor: number;
  /**
   * The driver that claimed the number: the char or block registry's name, as /proc/devices
   * lists it ("mem" for 1:3, "pts" for 136:n), or null when no driver owns it.
   */
  driver: string | null;
  /** Where /sys/dev/{char,block}/M:m leads ("/sys/devices/virtual/mem/null"), or null. */
  sysPath: string | null;
  /** The device's class or bus, from its `subsystem` link ("mem", "tty", "block"). */
  subsystem: string | null;
  /** The text of the device's `uevent` attribute ("MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n"). */
  uevent: string | null;
}

/** One directory entry, with what lstat(2) would say of it. */
export interface FileEntry {
  /** The last component (latin1 bytes), "/" for the root. */
  name: string;
  type: FileType;
  /** st_mode: type and permission bits. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  nlink: number;
  ino: number;
  /** st_mtime, ns since the epoch. */
  mtimeNs: number;
  /** A symlink's target as readlink(2) gives it ("../null", "pipe:[1234]"), or null. */
  target: string | null;
  /** For c and b nodes. */
  device: DeviceInfo | null;
}

/** Largest file content one read answer carries; longer files come back truncated. */
export const MAX_FILE_READ = 64 * 1024;
/** Most entries one directory answer carries. */
export const MAX_DIR_ENTRIES = 4096;
/** Longest path a request may name (PATH_MAX). */
export const MAX_PATH = 4096;

/** UI → host: list a directory, read a file, or describe one entry. `id` pairs the answer. */
export type FilesCommand =
  | { type: 'files-list'; id: number; path: string }
  | { type: 'files-read'; id: number; path: string }
  | { type: 'files-stat'; id: number; path: string };

/**
 * host → UI: the answer to one files-* command. On failure `error` says why in words
 * ("No such file or directory (ENOENT)") and the other payload fields are absent.
 */
export interface FilesResultEvent {
  type: 'files-result';
  protocol: number;
  /** The boot this describes (StatusEvent.boot). */
  boot: number;
  id: number;
  op: 'list' | 'read' | 'stat';
  /** The path as asked. */
  path: string;
  error: string | null;
  /** The entry itself (lstat of `path`; for a read, the file that was read). */
  entry?: FileEntry;
  /** list: the directory's entries, without "." and "..", sorted by name. */
  entries?: FileEntry[];
  /** list: the directory had more than MAX_DIR_ENTRIES entries. */
  more?: boolean;
  /** read: the bytes read from offset 0 (latin1), at most MAX_FILE_READ. */
  content?: string;
  /** read: the file goes on past MAX_FILE_READ. */
  truncated?: boolean;
  /** read: the content holds NULs or control bytes — show it as a hex dump, not as text. */
  binary?: boolean;
}

/** Checks a path field: absolute, bounded, latin1. Null if fine, else the problem. */
export function checkFilesPath(v: unknown): string | null {
  if (typeof v !== 'string') return 'must be a string';
  if (!v.startsWith('/')) return 'must be an absolute path';
  if (v.length > MAX_PATH) return `is longer than ${MAX_PATH} bytes`;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0) return 'must not contain a NUL';
    if (c > 0xff) return 'must be latin1 (one char per byte, 0-255)';
  }
  return null;
}

/** Checks a request id: a non-negative safe integer. */
export function checkFilesId(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return 'must be a non-negative integer';
  return null;
}

const TYPE_BITS: [number, FileType][] = [
  [0o040000, 'd'], [0o100000, '-'], [0o120000, 'l'], [0o020000, 'c'], [0o060000, 'b'], [0o010000, 'p'], [0o140000, 's'],
];

/** The type letter of an st_mode ('?' never happens for a mode the kernel made). */
export function fileTypeOf(mode: number): FileType {
  const fmt = mode & 0o170000;
  return TYPE_BITS.find(([bits]) => bits === fmt)?.[1] ?? '-';
}

/** ls -l's mode column: "crw-rw-rw-", "drwxrwxrwt", "-rwsr-xr-x" (filemode.c's strmode). */
export function modeString(mode: number): string {
  const rwx = (shift: number, special: number, on: string, off: string): string =>
    ((mode >> shift) & 4 ? 'r' : '-') +
    ((mode >> shift) & 2 ? 'w' : '-') +
    (mode & special ? ((mode >> shift) & 1 ? on : off) : (mode >> shift) & 1 ? 'x' : '-');
  return fileTypeOf(mode) + rwx(6, 0o4000, 's', 'S') + rwx(3, 0o2000, 's', 'S') + rwx(0, 0o1000, 't', 'T');
}

/** A kernel byte string (latin1) shown as the UTF-8 text it usually is. */
export function utf8Text(latin1: string): string {
  const bytes = new Uint8Array(latin1.length);
  for (let i = 0; i < latin1.length; i++) bytes[i] = latin1.charCodeAt(i) & 0xff;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Does this content look binary (NUL or control bytes other than tab, newline, CR, FF, ESC)? */
export function looksBinary(latin1: string): boolean {
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) return true;
    if (c === 0x7f) return true;
  }
  return false;
}

/** xxd-style lines: offset, 16 bytes in hex, the printable ones as text. */
export function hexDump(latin1: string, maxBytes = latin1.length): string {
  const lines: string[] = [];
  const n = Math.min(latin1.length, maxBytes);
  for (let off = 0; off < n; off += 16) {
    let hex = '';
    let text = '';
    for (let i = off; i < off + 16; i++) {
      if (i < n) {
        const c = latin1.charCodeAt(i);
        hex += c.toString(16).padStart(2, '0');
        text += c >= 0x20 && c < 0x7f ? latin1[i] : '.';
      } else hex += '  ';
      if (i % 2 === 1) hex += ' ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}: ${hex} ${text}`);
  }
  return lines.join('\n');
}

/** "/a/b" + "c" → "/a/b/c"; "/" + "c" → "/c". */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** "/a/b/c" → "/a/b"; "/a" → "/"; "/" → "/". */
export function parentPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}
