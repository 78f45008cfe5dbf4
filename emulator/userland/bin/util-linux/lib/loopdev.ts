// What util-linux's lib/loopdev.c does for losetup: find a free loop device through
// /dev/loop-control, attach a file with LOOP_CONFIGURE, read a device's state back with
// LOOP_GET_STATUS64 and its sysfs directory (/sys/block/loopN/loop/backing_file has the file's
// full name; lo_file_name only its first 63 bytes).

import { O_RDONLY, O_RDWR } from '../../../../uapi/fcntl';
import {
  LO_NAME_SIZE, LOOP_CLR_FD, LOOP_CONFIG, LOOP_CONFIGURE, LOOP_CTL_GET_FREE, LOOP_GET_STATUS64, LOOP_INFO64,
} from '../../../../uapi/loop';
import { BLKSSZGET } from '../../../../uapi/fs';
import type { Sys } from '../../../runtime/context';
import { open } from '../../../libc/fcntl';
import { alloca, errno, peek, poke, release, setErrno, stackMark, utf8 } from '../../../libc/process';
import { readTextFile } from '../../../libc/read_file';
import { ioctl } from '../../../libc/sys_ioctl';
import { close } from '../../../libc/unistd';

export interface LoopInfo {
  device: number;
  inode: number;
  offset: number;
  sizelimit: number;
  number: number;
  flags: number;
  fileName: string;
}

/** LOOP_CTL_GET_FREE: the number of a free device (made if need be), or -1 with errno. */
export function* loopGetFree(): Sys<number> {
  const fd = yield* open('/dev/loop-control', O_RDWR);
  if (fd < 0) return -1;
  const n = yield* ioctl(fd, LOOP_CTL_GET_FREE);
  const e = errno();
  yield* close(fd);
  setErrno(e);
  return n;
}

/** LOOP_GET_STATUS64 on an open device; null (errno ENXIO) when nothing is attached. */
export function* loopStatus(fd: number): Sys<LoopInfo | null> {
  const mark = stackMark();
  try {
    const buf = alloca(LOOP_INFO64.size);
    if ((yield* ioctl(fd, LOOP_GET_STATUS64, buf)) < 0) return null;
    const b = peek(buf, LOOP_INFO64.size);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const name = b.subarray(LOOP_INFO64.lo_file_name, LOOP_INFO64.lo_file_name + LO_NAME_SIZE);
    const nul = name.indexOf(0);
    return {
      device: Number(v.getBigUint64(LOOP_INFO64.lo_device, true)),
      inode: Number(v.getBigUint64(LOOP_INFO64.lo_inode, true)),
      offset: Number(v.getBigUint64(LOOP_INFO64.lo_offset, true)),
      sizelimit: Number(v.getBigUint64(LOOP_INFO64.lo_sizelimit, true)),
      number: v.getUint32(LOOP_INFO64.lo_number, true),
      flags: v.getUint32(LOOP_INFO64.lo_flags, true),
      fileName: new TextDecoder().decode(nul < 0 ? name : name.subarray(0, nul)),
    };
  } finally {
    release(mark);
  }
}

/** The state of the device at `path`: null with errno (ENXIO: unused; ENOENT: no such device). */
export function* loopStatusOf(path: string): Sys<LoopInfo | null> {
  const fd = yield* open(path, O_RDONLY);
  if (fd < 0) return null;
  const info = yield* loopStatus(fd);
  const e = errno();
  yield* close(fd);
  setErrno(e);
  return info;
}

/** The logical sector size (BLKSSZGET), 512 if it cannot be read. */
export function* loopSectorSize(path: string): Sys<number> {
  const fd = yield* open(path, O_RDONLY);
  if (fd < 0) return 512;
  const mark = stackMark();
  try {
    const buf = alloca(8);
    return (yield* ioctl(fd, BLKSSZGET, buf)) < 0 ? 512 : new DataView(peek(buf, 4).buffer).getInt32(0, true);
  } finally {
    release(mark);
    yield* close(fd);
  }
}

/** LOOP_CONFIGURE: attach the open file `fileFd` to the open device `devFd`. */
export function* loopConfigure(devFd: number, fileFd: number, name: string, offset: number, sizelimit: number, flags: number): Sys<number> {
  const mark = stackMark();
  try {
    const b = new Uint8Array(LOOP_CONFIG.size);
    const v = new DataView(b.buffer);
    v.setUint32(LOOP_CONFIG.fd, fileFd, true);
    const info = LOOP_CONFIG.info;
    v.setBigUint64(info + LOOP_INFO64.lo_offset, BigInt(offset), true);
    v.setBigUint64(info + LOOP_INFO64.lo_sizelimit, BigInt(sizelimit), true);
    v.setUint32(info + LOOP_INFO64.lo_flags, flags, true);
    b.set(utf8(name).subarray(0, LO_NAME_SIZE - 1), info + LOOP_INFO64.lo_file_name);
    const addr = alloca(b.length);
    poke(addr, b);
    return yield* ioctl(devFd, LOOP_CONFIGURE, addr);
  } finally {
    release(mark);
  }
}

/** LOOP_CLR_FD on the device at `path`. */
export function* loopDetach(path: string): Sys<number> {
  const fd = yield* open(path, O_RDONLY);
  if (fd < 0) return -1;
  const r = yield* ioctl(fd, LOOP_CLR_FD);
  const e = errno();
  yield* close(fd);
  setErrno(e);
  return r;
}

/** /sys/block/loopN/loop/<attr> without its newline, or null. */
export function* loopSysfsAttr(n: number, attr: string): Sys<string | null> {
  const text = yield* readTextFile(`/sys/block/loop${n}/loop/${attr}`);
  return text === null ? null : text.replace(/\n$/, '');
}
