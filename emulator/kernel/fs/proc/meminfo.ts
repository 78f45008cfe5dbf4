// /proc/meminfo (fs/proc/meminfo.c): where the machine's RAM is. One "Label:  value kB" per line,
// the label and its colon padded to 16 columns and the number right-aligned in 8 (a longer number
// just pushes on), in the order Linux 6.x prints them.
//
// Our RAM is PhysMem: a budget of 4 KiB frames. A frame is either free, or holds tmpfs data
// (Shmem, which Linux also counts as Cached), or belongs to processes (AnonPages; the pages of a
// program's ELF image are private copies here, so they count as anonymous too).
//
// Simplified: no swap, no slab or vmalloc accounting, no huge pages, no file page cache beyond
// tmpfs, no LRU ageing (anonymous pages are all "active", tmpfs pages all "inactive");
// KernelStack is 16 KiB per task as on x86-64; the page tables are estimated (task_mmu.ts);
// Committed_AS counts the private writable mappings (what would need RAM if all were touched).

import type { Kernel } from '../../kernel';
import type { MM } from '../../mm/mm';
import { TMPFS_MAGIC } from '../tmpfs';
import { kernel_vfs } from '../vfs';
import type { SuperBlock } from '../super';
import { K, mm_counters } from './task_mmu';

/** THREAD_SIZE on x86-64: every task has a 16 KiB kernel stack. */
const THREAD_SIZE_KB = 16;
/** The vmalloc area of x86-64 with 4-level page tables: 32 TiB, in kB. */
const VMALLOC_TOTAL_KB = 34359738367;

/** Pages of tmpfs data on the machine (every mounted tmpfs instance, once each). */
function shmem_pages(k: Kernel): number {
  const seen = new Set<SuperBlock>();
  let pages = 0;
  for (const mnt of kernel_vfs(k).initNs.mounts) {
    const sb = mnt.sb;
    if (seen.has(sb) || sb.magic !== TMPFS_MAGIC || !sb.op.statfs) continue;
    seen.add(sb);
    const st = sb.op.statfs(sb);
    pages += st.blocks - st.bfree;
  }
  return pages;
}

export function meminfo_proc_show(k: Kernel): string {
  const total = k.phys.limitPages;
  const free = Math.max(0, total - k.phys.used);
  const shmem = shmem_pages(k);
  const anon = Math.max(0, k.phys.used - shmem);
  const mms = new Set<MM>();
  for (const t of k.tasks.values()) if (t.mm) mms.add(t.mm);
  let pageTables = 0;
  let committed = 0;
  let mapped = 0;
  for (const mm of mms) {
    const c = mm_counters(mm);
    pageTables += c.ptes;
    committed += c.dataVm + c.stackVm;
    mapped += c.rssFile + c.rssShmem;
  }
  const rows: [string, number, boolean?][] = [
    ['MemTotal', K(total)],
    ['MemFree', K(free)],
    // Nothing here can be reclaimed (tmpfs without swap stays), so what is available is what is free.
    ['MemAvailable', K(free)],
    ['Buffers', 0],
    ['Cached', K(shmem)],
    ['SwapCached', 0],
    ['Active', K(anon)],
    ['Inactive', K(shmem)],
    ['Active(anon)', K(anon)],
    ['Inactive(anon)', K(shmem)],
    ['Active(file)', 0],
    ['Inactive(file)', 0],
    ['Unevictable', 0],
    ['Mlocked', 0],
    ['SwapTotal', 0],
    ['SwapFree', 0],
    ['Zswap', 0],
    ['Zswapped', 0],
    ['Dirty', 0],
    ['Writeback', 0],
    ['AnonPages', K(anon)],
    ['Mapped', K(mapped)],
    ['Shmem', K(shmem)],
    ['KReclaimable', 0],
    ['Slab', 0],
    ['SReclaimable', 0],
    ['SUnreclaim', 0],
    ['KernelStack', k.tasks.size * THREAD_SIZE_KB],
    ['PageTables', K(pageTables)],
    ['SecPageTables', 0],
    ['NFS_Unstable', 0],
    ['Bounce', 0],
    ['WritebackTmp', 0],
    // overcommit_ratio is 50% and there is no swap.
    ['CommitLimit', K(Math.floor(total / 2))],
    ['Committed_AS', K(committed)],
    ['VmallocTotal', VMALLOC_TOTAL_KB],
    ['VmallocUsed', 0],
    ['VmallocChunk', 0],
    ['Percpu', 0],
    ['AnonHugePages', 0],
    ['ShmemHugePages', 0],
    ['ShmemPmdMapped', 0],
    ['FileHugePages', 0],
    ['FilePmdMapped', 0],
    ['Balloon', 0],
    ['HugePages_Total', 0, false],
    ['HugePages_Free', 0, false],
    ['HugePages_Rsvd', 0, false],
    ['HugePages_Surp', 0, false],
    ['Hugepagesize', 2048],
    ['Hugetlb', 0],
    // All of RAM is mapped with 4 KiB pages in our direct map.
    ['DirectMap4k', K(total)],
    ['DirectMap2M', 0],
    ['DirectMap1G', 0],
  ];
  return rows.map(([label, value, kb = true]) => `${(label + ':').padEnd(16)}${String(value).padStart(8)}${kb ? ' kB' : ''}\n`).join('');
}
