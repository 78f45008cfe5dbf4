// sysinfo(2) and times(2): `{uptime=13227, loads=[82272, 63296, 42656], totalram=…, mem_unit=1}`
// and `{tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}`.

import { SYSINFO, SYSINFO_SIZE, TMS_FIELDS, TMS_SIZE } from '../../uapi/sysinfo';
import { outArg, structArg } from './context';

export const sysinfoOutSpec = outArg(
  structArg(SYSINFO_SIZE, (f) => {
    const u = (name: keyof typeof SYSINFO) => `${name}=${f.u64(SYSINFO[name])}`;
    const loads = [0, 1, 2].map((i) => f.u64(SYSINFO.loads + i * 8)).join(', ');
    return `{${[
      `uptime=${f.s64(SYSINFO.uptime)}`, `loads=[${loads}]`, u('totalram'), u('freeram'), u('sharedram'), u('bufferram'),
      u('totalswap'), u('freeswap'), `procs=${f.u16(SYSINFO.procs)}`, u('totalhigh'), u('freehigh'),
      `mem_unit=${f.u32(SYSINFO.mem_unit)}`,
    ].join(', ')}}`;
  }),
);

export const tmsOutSpec = outArg(structArg(TMS_SIZE, (f) => `{${TMS_FIELDS.map((n, i) => `tms_${n}=${f.s64(i * 8)}`).join(', ')}}`));
