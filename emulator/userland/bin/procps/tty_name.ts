// Terminal names from device numbers. /proc/<pid>/stat gives a process's controlling terminal only
// as a number (tty_nr); procps turns it back into a name by knowing how the tty drivers number
// their devices (what /proc/tty/drivers lists). Linux packs a device number as minor bits 0-7,
// major bits 8-19, and the rest of the minor from bit 20 (new_encode_dev).

export function devMajor(dev: number): number {
  return (dev >>> 8) & 0xfff;
}

export function devMinor(dev: number): number {
  return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
}

/** UNIX 98 pseudo-terminal slaves use majors 136..143 (minor numbers beyond 255 spill over). */
const PTS_MAJOR_FIRST = 136;
const PTS_MAJOR_LAST = 143;

/** The name under /dev of a terminal device (without "/dev/"), or null if no driver we know owns it. */
export function ttyName(dev: number): string | null {
  const major = devMajor(dev);
  const minor = devMinor(dev);
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  if (major === 5 && minor === 0) return 'tty';
  if (major === 5 && minor === 1) return 'console';
  if (major >= PTS_MAJOR_FIRST && major <= PTS_MAJOR_LAST) return `pts/${(major - PTS_MAJOR_FIRST) * 256 + minor}`;
  return null;
}
