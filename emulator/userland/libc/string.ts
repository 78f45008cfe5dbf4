// <string.h> error texts: strerror and strsignal with glibc's wording.

import { strerror as uapiStrerror } from '../../uapi/errno';
import { strsignal as uapiStrsignal } from '../../uapi/signal';

export const strerror = uapiStrerror;
export const strsignal = uapiStrsignal;
