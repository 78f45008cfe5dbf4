// Memory numbers of an address space (fs/proc/task_mmu.c: task_mem, task_statm, show_map_vma):
// the Vm* and Rss* lines of /proc/<pid>/status, the seven numbers of /proc/<pid>/statm, and the
// lines of /proc/<pid>/maps.
//
// Linux keeps running counters in the mm (total_vm, data_vm, exec_vm, stack_vm, and rss per
// kind); we count the same things from the VMAs and the resident pages when asked.
//
// Simplified: there is no high-water mark yet, so VmPeak equals VmSize and VmHWM equals VmRSS;
// a page is "file" if its VMA maps a file and "shmem" if the VMA is shared anonymous memory
// (Linux would count a written private file page as anonymous); VmPTE is estimated from the
// page-table pages the resident pages would need (one per 2 MiB, 1 GiB and 512 GiB region in use).

import { PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../uapi/mman';
import type { MM } from '../../mm/mm';
import { major, minor } from '../../../uapi/stat';
import { VM_GROWSDOWN, VM_SHARED, vmaPermString, type Vma } from '../../mm/vma';

/** Counters of an mm, all in pages. */
export interface MmCounters {
  totalVm: number;
  rssAnon: number;
  rssFile: number;
  rssShmem: number;
  /** Private writable mappings that are not the stack (VmData). */
  dataVm: number;
  stackVm: number;
  /** Executable, not writable, not stack (the program text and libraries). */
  execVm: number;
  /** The program's own text (end_code - start_code, page aligned; at most execVm). */
  text: number;
  /** Page-table pages. */
  ptes: number;
}

// Addresses pass 2^32, so no bit operations on them: plain arithmetic.
const pageAlign = (a: number) => Math.ceil(a / PAGE_SIZE) * PAGE_SIZE;
const pageDown = (a: number) => Math.floor(a / PAGE_SIZE) * PAGE_SIZE;

/** The program text in pages: PAGE_ALIGN(end_code) - (start_code & PAGE_MASK). */
function text_pages(mm: MM): number {
  return mm.endCode > mm.startCode ? (pageAlign(mm.endCode) - pageDown(mm.startCode)) / PAGE_SIZE : 0;
}

export function mm_counters(mm: MM): MmCounters {
  const c: MmCounters = { totalVm: 0, rssAnon: 0, rssFile: 0, rssShmem: 0, dataVm: 0, stackVm: 0, execVm: 0, text: 0, ptes: 0 };
  for (const v of mm.vmas) {
    const pages = (v.end - v.start) / PAGE_SIZE;
    c.totalVm += pages;
    const stack = (v.flags & VM_GROWSDOWN) !== 0;
    if (stack) c.stackVm += pages;
    else if (v.prot & PROT_WRITE && !(v.flags & VM_SHARED)) c.dataVm += pages;
    else if (v.prot & PROT_EXEC && !(v.prot & PROT_WRITE)) c.execVm += pages;
  }
  const pte = new Set<number>();
  const pmd = new Set<number>();
  const pud = new Set<number>();
  for (const vpn of mm.pages.keys()) {
    pte.add(Math.floor(vpn / 512));
    pmd.add(Math.floor(vpn / 512 / 512));
    pud.add(Math.floor(vpn / 512 / 512 / 512));
    const v = mm.findVma(vpn * PAGE_SIZE);
    if (v?.file) c.rssFile++;
    else if (v && v.flags & VM_SHARED) c.rssShmem++;
    else c.rssAnon++;
  }
  c.ptes = pte.size + pmd.size + pud.size;
  c.text = Math.min(text_pages(mm), c.execVm);
  return c;
}

/** Pages → kB. */
export const K = (pages: number) => pages * (PAGE_SIZE / 1024);

/** "%8lu kB" — how status prints a size. */
function kb(pages: number): string {
  return `${String(K(pages)).padStart(8)} kB`;
}

/** task_mem: the Vm*, Rss* lines of /proc/<pid>/status, each ending in a newline. */
export function task_mem(mm: MM): string {
  const c = mm_counters(mm);
  const rss = c.rssAnon + c.rssFile + c.rssShmem;
  const lib = c.execVm - c.text;
  return (
    `VmPeak:\t${kb(c.totalVm)}\n` +
    `VmSize:\t${kb(c.totalVm)}\n` +
    `VmLck:\t${kb(0)}\n` +
    `VmPin:\t${kb(0)}\n` +
    `VmHWM:\t${kb(rss)}\n` +
    `VmRSS:\t${kb(rss)}\n` +
    `RssAnon:\t${kb(c.rssAnon)}\n` +
    `RssFile:\t${kb(c.rssFile)}\n` +
    `RssShmem:\t${kb(c.rssShmem)}\n` +
    `VmData:\t${kb(c.dataVm)}\n` +
    `VmStk:\t${kb(c.stackVm)}\n` +
    `VmExe:\t${kb(c.text)}\n` +
    `VmLib:\t${kb(lib)}\n` +
    `VmPTE:\t${kb(c.ptes)}\n` +
    `VmSwap:\t${kb(0)}\n`
  );
}

/** task_statm: size resident shared text lib data dt, in pages (lib and dt are always 0 on Linux now). */
export function task_statm(mm: MM | null): string {
  if (!mm) return '0 0 0 0 0 0 0\n';
  const c = mm_counters(mm);
  const resident = c.rssAnon + c.rssFile + c.rssShmem;
  const shared = c.rssFile + c.rssShmem;
  return `${c.totalVm} ${resident} ${shared} ${text_pages(mm)} 0 ${c.dataVm + c.stackVm} 0\n`;
}

// ---- /proc/<pid>/maps ------------------------------------------------------------------------------

/** Where the name starts on a maps line (seq_setwidth(25 + 6 * sizeof(void *) - 1), then a space). */
const MAPS_NAME_COLUMN = 73;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * show_map_vma: "start-end perms offset major:minor inode", then — for a file or a named area —
 * spaces up to column 73 and the name ([heap], [stack], the file's path).
 */
export function show_map_vma(v: Vma): string {
  const dev = v.file ? v.file.dev : 0;
  const ino = v.file ? v.file.ino : 0;
  const prefix = `${hex(v.start, 8)}-${hex(v.end, 8)} ${vmaPermString(v)} ${hex(v.pgoff, 8)} ${hex(major(dev), 2)}:${hex(minor(dev), 2)} ${ino} `;
  const name = v.file ? v.file.path : v.name;
  return name ? `${prefix.padEnd(MAPS_NAME_COLUMN - 1)} ${name}\n` : `${prefix}\n`;
}

/** The whole maps file: one line per VMA, lowest address first. */
export function proc_pid_maps(mm: MM | null): string {
  return mm ? mm.vmas.map(show_map_vma).join('') : '';
}

// ---- /proc/<pid>/smaps -----------------------------------------------------------------------------
//
// Each maps line followed by the memory behind that VMA, "%-16s%8lu kB" per field, in Linux's
// order, and the VMA's flags as two-letter mnemonics. A page mapped by several address spaces
// (shared copy-on-write after fork, or MAP_SHARED) is "Shared", and Pss charges each mapper its
// fraction of it.
//
// Simplified: we keep no dirty bits, so a page is counted clean if it is a file page the process
// cannot write, dirty otherwise; Anonymous counts the resident pages of VMAs without a file
// (Linux would also count the written copies of private file pages); there is no swap, no huge
// pages, no KSM, no mlock.

/** show_smap_vma_flags: the mnemonics of the VM_* bits, in bit order. */
function vma_flags(v: Vma): string {
  const shared = (v.flags & VM_SHARED) !== 0;
  const flags: string[] = [];
  if (v.prot & PROT_READ) flags.push('rd');
  if (v.prot & PROT_WRITE) flags.push('wr');
  if (v.prot & PROT_EXEC) flags.push('ex');
  if (shared) flags.push('sh');
  // VM_MAYREAD/MAYWRITE/MAYEXEC: what mprotect may still add. A private mapping may always be
  // made writable (its writes are copies); we assume the same of shared ones.
  flags.push('mr', 'mw', 'me');
  if (shared) flags.push('ms');
  if (v.flags & VM_GROWSDOWN) flags.push('gd');
  // VM_ACCOUNT: private writable memory is charged to the commit limit.
  if (!shared && v.prot & PROT_WRITE) flags.push('ac');
  return flags.map((f) => f + ' ').join('');
}

const smapLine = (label: string, value: number, unit = ' kB') => `${(label + ':').padEnd(16)}${String(value).padStart(8)}${unit}\n`;

/** show_smap: one VMA's block. */
export function show_smap(mm: MM, v: Vma): string {
  let rss = 0;
  let pss = 0;
  let pssDirty = 0;
  let sharedClean = 0, sharedDirty = 0, privateClean = 0, privateDirty = 0;
  const clean = v.file !== null && !(v.prot & PROT_WRITE);
  for (let vpn = v.start / PAGE_SIZE; vpn < v.end / PAGE_SIZE; vpn++) {
    const page = mm.pages.get(vpn);
    if (!page) continue;
    rss++;
    pss += 1 / page.refs;
    if (!clean) pssDirty += 1 / page.refs;
    if (page.refs > 1) {
      if (clean) sharedClean++;
      else sharedDirty++;
    } else if (clean) privateClean++;
    else privateDirty++;
  }
  const kbOf = (pages: number) => Math.floor(K(pages));
  let out = show_map_vma(v);
  out += smapLine('Size', K((v.end - v.start) / PAGE_SIZE));
  out += smapLine('KernelPageSize', PAGE_SIZE / 1024);
  out += smapLine('MMUPageSize', PAGE_SIZE / 1024);
  out += smapLine('Rss', K(rss));
  out += smapLine('Pss', kbOf(pss));
  out += smapLine('Pss_Dirty', kbOf(pssDirty));
  out += smapLine('Shared_Clean', K(sharedClean));
  out += smapLine('Shared_Dirty', K(sharedDirty));
  out += smapLine('Private_Clean', K(privateClean));
  out += smapLine('Private_Dirty', K(privateDirty));
  out += smapLine('Referenced', K(rss));
  out += smapLine('Anonymous', v.file ? 0 : K(rss));
  for (const label of ['KSM', 'LazyFree', 'AnonHugePages', 'ShmemPmdMapped', 'FilePmdMapped', 'Shared_Hugetlb', 'Private_Hugetlb', 'Swap', 'SwapPss', 'Locked']) {
    out += smapLine(label, 0);
  }
  out += smapLine('THPeligible', 0, '');
  out += `VmFlags: ${vma_flags(v)}\n`;
  return out;
}

/** The whole smaps file. */
export function proc_pid_smaps(mm: MM | null): string {
  return mm ? mm.vmas.map((v) => show_smap(mm, v)).join('') : '';
}
