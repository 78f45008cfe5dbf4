// struct sysinfo (sysinfo(2), 112 bytes on x86-64) and struct tms (times(2), four clock_t).

export const SYSINFO_SIZE = 112;
export const SYSINFO = {
  uptime: 0, loads: 8, totalram: 32, freeram: 40, sharedram: 48, bufferram: 56, totalswap: 64, freeswap: 72,
  procs: 80, totalhigh: 88, freehigh: 96, mem_unit: 104,
} as const;

export const TMS_SIZE = 32;
export const TMS_FIELDS = ['utime', 'stime', 'cutime', 'cstime'] as const;
