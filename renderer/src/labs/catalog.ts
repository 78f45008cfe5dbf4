// The labs shipped with the app (assets/labs/): bundled with the page as JSON, checked by parseLab.

import devices from '../../../assets/labs/devices.json';
import firstSyscall from '../../../assets/labs/first-syscall.json';
import index from '../../../assets/labs/index.json';
import pipes from '../../../assets/labs/pipes-and-fds.json';
import sysv from '../../../assets/labs/sysv-message-queues.json';
import type { LabIndexEntry } from './lab';

export const LAB_INDEX: readonly LabIndexEntry[] = index;

/** The raw lab data by id (parseLab checks it when the lab is opened). */
export const LAB_DATA: Readonly<Record<string, unknown>> = {
  'first-syscall': firstSyscall,
  'pipes-and-fds': pipes,
  'sysv-message-queues': sysv,
  devices,
};
