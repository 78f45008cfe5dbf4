// The root filesystem image the machine boots with: a Debian-like tree (merged /usr, /bin and
// /sbin as symlinks into it), the configuration files in /etc, and one ELF file per program.
// The machine hands this archive to the kernel, which unpacks it into tmpfs as Linux's initramfs.

import { S_IFDIR, S_IFLNK, S_IFREG } from '../../uapi/stat';
import { writeCpio, type CpioEntry } from './cpio';
import { elfStub } from './elf_stub';

/** Where each program lives, by its registry name: "/usr/bin/ls" runs program "ls". */
export interface ProgramFile {
  path: string;
  program: string;
}

const enc = (s: string) => new TextEncoder().encode(s);

const ETC_FILES: Record<string, string> = {
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/sh\n' +
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' +
    'user:x:1000:1000:Student,,,:/home/user:/bin/sh\n' +
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  '/etc/group': 'root:x:0:\ndaemon:x:1:\ntty:x:5:\ndisk:x:6:\nusers:x:100:user\nuser:x:1000:\nnogroup:x:65534:\n',
  '/etc/hostname': 'ringside\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n127.0.1.1\tringside\n::1\t\tlocalhost ip6-localhost ip6-loopback\n',
  '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n',
  '/etc/os-release':
    'PRETTY_NAME="Ringside Linux (Debian-like)"\nNAME="Ringside"\nID=ringside\nID_LIKE=debian\nHOME_URL="https://ringside.invalid/"\n',
  '/etc/profile':
    '# /etc/profile: read by login shells.\n' +
    'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nexport PATH\n',
};

/** A file the host adds to the image (like `qemu -initrd` with a bigger archive). */
export interface GuestFile {
  path: string;
  data: Uint8Array;
  mode: number;
}

/**
 * The archive. Every entry carries `mtime` (seconds since the epoch): the image is made at boot,
 * so its files are as new as the machine, as an initramfs unpacked with preserved times would be.
 */
export function buildRootfs(programs: readonly ProgramFile[], extra: readonly GuestFile[] = [], mtime = 0): Uint8Array {
  const e: CpioEntry[] = [];
  const dir = (name: string, mode = 0o755, uid = 0, gid = 0) => e.push({ name, mode: S_IFDIR | mode, uid, gid, nlink: 2 });
  for (const d of ['usr', 'usr/bin', 'usr/sbin', 'usr/lib', 'usr/local', 'usr/local/bin', 'usr/share', 'etc', 'root', 'home', 'dev', 'proc', 'sys', 'run', 'var', 'var/log', 'mnt', 'opt', 'srv']) {
    dir(d, d === 'root' ? 0o700 : 0o755);
  }
  dir('tmp', 0o1777);
  dir('var/tmp', 0o1777);
  dir('home/user', 0o755, 1000, 1000);
  for (const [l, target] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib']]) {
    e.push({ name: l!, mode: S_IFLNK | 0o777, data: enc(target!) });
  }
  // No device nodes: /dev is an empty mount point until init mounts devtmpfs, which the kernel
  // fills as its drivers register.
  for (const [path, text] of Object.entries(ETC_FILES)) e.push({ name: path.slice(1), mode: S_IFREG | 0o644, data: enc(text) });
  // A file's missing parent directories are created first, as `cpio -d` would. Paths under the
  // /bin, /sbin and /lib symlinks are stored under their targets.
  const dirs = new Set(e.filter((x) => (x.mode & S_IFDIR) !== 0).map((x) => x.name));
  const file = (path: string, mode: number, data: Uint8Array) => {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'bin' || parts[0] === 'sbin' || parts[0] === 'lib') parts.unshift('usr');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) {
        dirs.add(d);
        dir(d);
      }
    }
    e.push({ name: parts.join('/'), mode: S_IFREG | (mode & 0o7777), data });
  };
  const stubs = new Map<string, Uint8Array>();
  for (const p of programs) {
    let bytes = stubs.get(p.program);
    if (!bytes) stubs.set(p.program, (bytes = elfStub(p.program)));
    file(p.path, 0o755, bytes);
  }
  for (const f of extra) file(f.path, f.mode, f.data);
  return writeCpio(e.map((x) => ({ mtime, ...x })));
}
