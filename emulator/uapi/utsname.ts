// struct utsname as uname(2) fills it: six NUL-padded char arrays of 65 bytes each.

export const UTSNAME_LENGTH = 65;
export const UTSNAME_FIELDS = ['sysname', 'nodename', 'release', 'version', 'machine', 'domainname'] as const;
export const UTSNAME_SIZE = UTSNAME_LENGTH * UTSNAME_FIELDS.length;

/** The six names, as the kernel keeps them and uname(3) returns them. */
export type Utsname = Record<(typeof UTSNAME_FIELDS)[number], string>;
