// The vDSO from the kernel's side (Linux: arch/x86/entry/vdso/vma.c for the mapping,
// kernel/time/vsyscall.c for the data). At boot the kernel copies the image the architecture
// built into pages of its own and sets aside one data page; every execve maps both into the new
// address space — [vvar] read-only, [vdso] read-and-execute, the same frames in every process —
// and names the image in AT_SYSINFO_EHDR.
//
// The data page must say what the clock reads. Linux rewrites it at each timer tick and lets the
// vDSO add the cycles counted since. Here virtual time advances in steps the CPU does not see
// (a syscall's modelled cost, a context switch, an idle jump), so the kernel rewrites the page
// whenever it is about to run user code and the page no longer matches the clock: then
// base + (cycles - cycle_last) * mult >> shift read in user space is exactly the kernel's clock,
// and a vDSO read never goes back before a syscall read, nor the other way round.

import { ENOMEM } from '../uapi/errno';
import { PAGE_SIZE, PROT_EXEC, PROT_READ } from '../uapi/mman';
import {
  VD_BASETIME, VD_BASETIME_ENTRY, VD_CLOCK_MODE, VD_CYCLE_LAST, VD_HRTIMER_RES, VD_MULT, VD_SEQ, VD_SHIFT,
  VD_TZ_DSTTIME, VD_TZ_MINUTESWEST, VDSO_CLOCKMODE_TSC,
} from '../uapi/vdso_datapage';
import type { Kernel } from './kernel';
import type { MM } from './mm/mm';
import type { Page } from './mm/page';

/** What the architecture provides: the image and the clocksource its code reads. */
export interface VdsoArch {
  /** The vDSO ELF image, a whole number of pages. */
  image: Uint8Array;
  /** The cycle counter user space reads (x86: the TSC), now. */
  readCycles(): number;
  /** ns = (cycles * mult) >> shift. */
  mult: number;
  shift: number;
  /** Tell the CPU which (virtual) CPU runs the next user code (x86: TSC_AUX, for rdtscp/getcpu). */
  setCpu(cpu: number): void;
}

const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5;
const CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_TAI = 11;

export class Vdso {
  readonly vvar: Page;
  readonly text: Page[];
  private readonly view: DataView;
  /** What the page says now: the clock's ns at cycleLast. */
  private baseNs = NaN;
  private cycleLast = NaN;
  private seq = 0;

  constructor(private readonly kernel: Kernel, readonly arch: VdsoArch) {
    const alloc = (): Page => {
      const p = kernel.phys.alloc();
      if (!p) throw new Error('vdso: no memory for the vDSO at boot');
      return p;
    };
    this.vvar = alloc();
    this.view = new DataView(this.vvar.data.buffer);
    this.text = [];
    for (let off = 0; off < arch.image.length; off += PAGE_SIZE) {
      const p = alloc();
      p.data.set(arch.image.subarray(off, off + PAGE_SIZE));
      this.text.push(p);
    }
    this.view.setUint32(VD_CLOCK_MODE, VDSO_CLOCKMODE_TSC, true);
    this.view.setUint32(VD_MULT, arch.mult, true);
    this.view.setUint32(VD_SHIFT, arch.shift, true);
    this.view.setUint32(VD_HRTIMER_RES, 1, true);
    this.view.setInt32(VD_TZ_MINUTESWEST, 0, true);
    this.view.setInt32(VD_TZ_DSTTIME, 0, true);
    this.update_vsyscall();
  }

  /**
   * map_vdso: [vvar] then [vdso] at the top of the mmap area (below mmapBase, as Linux places them
   * without ASLR). Returns the image's address (AT_SYSINFO_EHDR) or -ENOMEM.
   */
  map_vdso(mm: MM): number {
    const len = (1 + this.text.length) * PAGE_SIZE;
    const start = mm.getUnmappedArea(len);
    if (start < 0) return -ENOMEM;
    const image = start + PAGE_SIZE;
    mm.mapArea(start, image, PROT_READ, 0, '[vvar]');
    mm.mapArea(image, start + len, PROT_READ | PROT_EXEC, 0, '[vdso]');
    // The same frames in every address space (one more reference each; exit drops it).
    const install = (vpn: number, p: Page) => {
      p.refs++;
      mm.pages.set(vpn, p);
    };
    install(start / PAGE_SIZE, this.vvar);
    this.text.forEach((p, k) => install(image / PAGE_SIZE + 1 * k, p));
    mm.vdsoBase = image;
    return image;
  }

  /** Before user code runs on `cpu`: the CPU's number, and the data page brought up to the clock. */
  enter_user(cpu: number): void {
    this.arch.setCpu(cpu);
    const cycles = this.arch.readCycles();
    const now = this.kernel.clock.now();
    if (now - this.baseNs === ((cycles - this.cycleLast) * this.arch.mult) / 2 ** this.arch.shift) return;
    this.update_vsyscall();
  }

  /** update_vsyscall: take new bases from the clock at the current cycle count. */
  private update_vsyscall(): void {
    const v = this.view, clock = this.kernel.clock;
    const cycles = this.arch.readCycles();
    const now = clock.now();
    const real = clock.realtimeSpec();
    const scale = 2 ** this.arch.shift;
    // The seqcount makes a reader on another CPU retry; a single JavaScript thread never leaves
    // the page half-written, but the vDSO's code follows the protocol all the same.
    this.seq++;
    v.setUint32(VD_SEQ, this.seq * 2 - 1, true);
    setU64(v, VD_CYCLE_LAST, cycles);
    const mono = { sec: Math.floor(now / 1e9), nsec: now % 1e9 };
    // High-resolution clocks: nsec pre-shifted, so the vDSO adds scaled cycles before shifting.
    for (const [id, t] of [[CLOCK_REALTIME, real], [CLOCK_MONOTONIC, mono], [CLOCK_MONOTONIC_RAW, mono], [CLOCK_BOOTTIME, mono], [CLOCK_TAI, real]] as const) {
      const o = VD_BASETIME + id * VD_BASETIME_ENTRY;
      setU64(v, o, t.sec);
      setU64(v, o + 8, t.nsec * scale);
    }
    // Coarse clocks: the bases as they are (Linux: as of the last tick).
    for (const [id, t] of [[CLOCK_REALTIME_COARSE, real], [CLOCK_MONOTONIC_COARSE, mono]] as const) {
      const o = VD_BASETIME + id * VD_BASETIME_ENTRY;
      setU64(v, o, t.sec);
      setU64(v, o + 8, t.nsec);
    }
    v.setUint32(VD_SEQ, this.seq * 2, true);
    this.baseNs = now;
    this.cycleLast = cycles;
  }
}

/** vdso_init (arch_initcall in Linux): set up the pages once, if the architecture has a vDSO. */
export function vdso_init(kernel: Kernel, arch: VdsoArch | undefined): void {
  if (arch) kernel.vdso = new Vdso(kernel, arch);
}

function setU64(v: DataView, off: number, value: number): void {
  v.setUint32(off, value % 0x100000000, true);
  v.setUint32(off + 4, Math.floor(value / 0x100000000), true);
}
