// uname(2)'s struct utsname: `{sysname="Linux", nodename="vm", ...}`, all six fields with -v.

import { UTSNAME_FIELDS, UTSNAME_LENGTH, UTSNAME_SIZE } from '../../uapi/utsname';
import { outArg, structArg } from './context';
import { quote } from './quote';

export const utsnameOutSpec = outArg(
  structArg(UTSNAME_SIZE, (f, a) => {
    const shown = a.opts.verbose ? UTSNAME_FIELDS : UTSNAME_FIELDS.slice(0, 2);
    const fields = shown.map((name) => `${name}=${quote(f.cstr(UTSNAME_FIELDS.indexOf(name) * UTSNAME_LENGTH, UTSNAME_LENGTH), a.opts)}`);
    return `{${fields.join(', ')}${a.opts.verbose ? '' : ', ...'}}`;
  }),
);
