// The MS-DOS (MBR) partition table (block/partitions/msdos.c).
//
// Sector 0 of the disk ends with the signature 55 AA; before it, at byte 446, four 16-byte entries
// describe the primary partitions:
//
//   0  boot indicator (0x00, or 0x80 for the active one)   4  type (0x83 Linux, 0x05 extended …)
//   1  CHS of the first sector (3 bytes, legacy)           5  CHS of the last sector (3 bytes)
//   8  LBA of the first sector (u32 LE)                    12 number of sectors (u32 LE)
//
// An extended partition holds a chain of EBRs (extended boot records), each one sector with the
// same layout: its first entry is a logical partition (relative to this EBR), its second points
// at the next EBR (relative to the start of the extended partition). Logical partitions are
// numbered from 5.
//
// Simplified: the BSD/Solaris/Minix sub-labels and the AIX and FAT boot-sector checks of Linux
// are not parsed.

import type { ParsedPartitions } from './check';

export const MSDOS_LABEL_MAGIC = 0xaa55;
const ENTRIES = 446;
/** Types that are a container of logical partitions (DOS_EXTENDED, WIN98_EXTENDED, LINUX_EXTENDED). */
const EXTENDED_TYPES = new Set([0x05, 0x0f, 0x85]);
/** The protective entry of a GPT disk: efi.c parses those; here we leave them to nobody. */
const EFI_PMBR_OSTYPE = 0xee;
/** How many logical partitions we follow before giving up on a looping chain. */
const MAX_LOGICAL = 64;

export interface MsdosEntry {
  bootInd: number;
  type: number;
  start: number;
  size: number;
}

/** One of the four entries of an MBR/EBR sector. */
export function msdos_entry(sector: Uint8Array, i: number): MsdosEntry {
  const v = new DataView(sector.buffer, sector.byteOffset + ENTRIES + 16 * i, 16);
  return { bootInd: v.getUint8(0), type: v.getUint8(4), start: v.getUint32(8, true), size: v.getUint32(12, true) };
}

/** msdos_magic_present. */
export function msdos_magic_present(sector: Uint8Array): boolean {
  return sector[510] === 0x55 && sector[511] === 0xaa;
}

export const is_extended_partition = (type: number): boolean => EXTENDED_TYPES.has(type);

/**
 * msdos_partition: the partitions, or null when sector 0 is not an MBR. `read` gives one sector
 * of the disk (null on an I/O error).
 */
export function msdos_partition(read: (sector: number) => Uint8Array | null, state: ParsedPartitions): boolean {
  const mbr = read(0);
  if (!mbr || !msdos_magic_present(mbr)) return false;
  const entries = [0, 1, 2, 3].map((i) => msdos_entry(mbr, i));
  // A boot indicator other than 0 or 0x80 means this is not a partition table (a FAT boot sector
  // also ends with 55 AA).
  if (entries.some((e) => e.bootInd !== 0 && e.bootInd !== 0x80)) return false;
  if (entries.some((e) => e.type === EFI_PMBR_OSTYPE)) return false;
  state.label = 'msdos';
  // The primary partitions keep their slot numbers 1-4, even with holes. An extended partition is
  // listed with a size of 2 sectors (1 KiB), enough to show it and to protect its first EBR.
  entries.forEach((e, i) => {
    if (!e.size) return;
    if (is_extended_partition(e.type)) state.parts.push({ partno: i + 1, start: e.start, size: Math.min(e.size, 2), extended: true });
    else state.parts.push({ partno: i + 1, start: e.start, size: e.size, extended: false });
  });
  let next = 5;
  for (const e of entries) {
    if (e.size && is_extended_partition(e.type)) next = parse_extended(read, e.start, e.size, next, state);
  }
  return true;
}

/** parse_extended: walk the EBR chain of the extended partition at `first` (sectors). */
function parse_extended(read: (sector: number) => Uint8Array | null, first: number, size: number, partno: number, state: ParsedPartitions): number {
  let thisSector = first;
  for (let loops = 0; loops < MAX_LOGICAL; loops++) {
    const ebr = read(thisSector);
    if (!ebr || !msdos_magic_present(ebr)) break;
    let link: MsdosEntry | null = null;
    // Every data entry is a logical partition (usually only the first); the first extended entry
    // links to the next EBR. Entries 3 and 4 sometimes hold garbage: they count only if they lie
    // inside the extended partition.
    for (let i = 0; i < 4; i++) {
      const e = msdos_entry(ebr, i);
      if (!e.size) continue;
      if (is_extended_partition(e.type)) {
        link ??= e;
        continue;
      }
      const start = thisSector + e.start;
      if (i >= 2 && (start < first || start + e.size > first + size)) continue;
      state.parts.push({ partno: partno++, start, size: e.size, extended: false, logical: true });
    }
    if (!link) break;
    thisSector = first + link.start;
  }
  return partno;
}
