// Generated from vdso.asm by test/emulator/arch/x86/vdso.test.ts (UPDATE_VDSO=1) with the host's
// NASM: the vDSO's machine code and where each exported function starts. Do not edit by hand.

export const VDSO_TEXT_OFFSET = 0x800;

export const VDSO_TEXT =
  '83ff0b7717b80100000089f9d3e0a993080000750fa960000000751cb8e40000000f05c34189fbe83d00000072ee4889' +
  '164889460831c0c34c8d05c1e7ffff4189f949c1e1044f8d4c0818458b1041f7c201000000750e498b11498b4108453b' +
  '1075e8ebc9f390ebe24c8d0590e7ffff49c1e3044f8d4c1818458b1041f7c2010000007547418378040074440f3148c1' +
  'e2204809d0492b4008730231c0418b4810480fafc149034108418b481448d3e8498b11453b1075c1b900ca9a3b4839c8' +
  '72084829c848ffc2ebf3f8c3f390eba9f9c34885ff741b4531dbe88affffff723348891731d2b9e803000048f7f14889' +
  '47084885f6741a4c8d0502e7ffff418b80d80000008906418b80dc00000089460431c0c3b8600000000f05c34c8d05dd' +
  'e6ffff498b40184885ff7403488907c383ff0b773fb80100000089f9d3e0a993080000750ea9600000007428b800093d' +
  '00eb0e4c8d05a6e6ffff418b80e00000004885f6740b48c706000000004889460831c0c3b8e50000000f05c30f01f948' +
  '85ff740989c825ff0f000089074885f67405c1e90c890e31c0c3';

export const VDSO_SYMBOLS: readonly { name: string; offset: number; size: number }[] = [
  { name: '__vdso_clock_gettime', offset: 0x0, size: 105 },
  { name: '__vdso_gettimeofday', offset: 0xd2, size: 74 },
  { name: '__vdso_time', offset: 0x11c, size: 20 },
  { name: '__vdso_clock_getres', offset: 0x130, size: 76 },
  { name: '__vdso_getcpu', offset: 0x17c, size: 30 },
];
