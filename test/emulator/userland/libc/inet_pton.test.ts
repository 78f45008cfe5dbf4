// inet_pton(AF_INET) takes exactly glibc's dotted quads: four decimal parts up to 255, no leading
// zeros (glibc's inet_pton4 refuses "01"), nothing else.

import { describe, expect, it } from 'vitest';
import { AF_INET } from '../../../../emulator/uapi/socket';
import { inet_pton } from '../../../../emulator/userland/libc/inet';

describe('inet_pton AF_INET', () => {
  it('takes what glibc takes and refuses the rest', () => {
    expect([...inet_pton(AF_INET, '10.0.255.1')!]).toEqual([10, 0, 255, 1]);
    expect([...inet_pton(AF_INET, '0.0.0.0')!]).toEqual([0, 0, 0, 0]);
    for (const bad of ['01.2.3.4', '1.02.3.4', '1.2.3.00', '256.1.1.1', '1.2.3', ' 1.2.3.4', '1.2.3.4.5', '']) expect(inet_pton(AF_INET, bad)).toBeNull();
  });
});
