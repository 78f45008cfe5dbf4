# Authoring-time generator of float_cases.json: x87 and SSE floating-point instructions run
# natively on the host, each from a known state, to give the exact state after (the fxsave image:
# control/status/tag words, the x87 registers, MXCSR, xmm0 and xmm1; plus rax, the flags and 16
# bytes of memory at [rdi]). Each case is assembled with GNU as for its bytes.
# Run from a scratch directory: python3 gen_float_cases.py; copy float_cases.json here.
#
# The state before: fninit; fldcw CW; ldmxcsr MXCSR; xmm0, xmm1; fld A; fld B (so st0 = B,
# st1 = A); rax, rbx; rdi -> MEM (16 bytes); RFLAGS.
import json, random, re, struct, subprocess
from fractions import Fraction

random.seed(87)

def ext(sign, exp, mant):
  return (sign << 79) | (exp << 64) | mant

def ext_of(x):
  """An exact double as an 80-bit value."""
  b = struct.unpack('<Q', struct.pack('<d', x))[0]
  sign, e, f = b >> 63, (b >> 52) & 0x7ff, b & ((1 << 52) - 1)
  if e == 0x7ff: return ext(sign, 0x7fff, (1 << 63) | (f << 11))
  if e == 0:
    if f == 0: return ext(sign, 0, 0)
    n = f.bit_length(); return ext(sign, 0x3fff - 1023 + 1 - (53 - n), f << (64 - n))
  return ext(sign, e - 1023 + 0x3fff, (1 << 63) | (f << 11))

def dbl(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def sgl(x): return struct.unpack('<I', struct.pack('<f', x))[0]

EXT = [ext(0,0,0), ext(1,0,0), ext_of(1.0), ext_of(-1.5), ext(0,0x4000,0xC90FDAA22168C235), ext(0,0x3ffd,0xAAAAAAAAAAAAAAAB),
  ext(0,0x7ffe,(1<<64)-1), ext(0,1,1<<63), ext(0,0,1), ext(1,0,0x7fffffffffffffff), ext(0,0x7fff,1<<63), ext(1,0x7fff,1<<63),
  ext(0,0x7fff,0xC000000000001234), ext(1,0x7fff,0x8000000000000005), ext(1,0x7fff,0xC000000000000000), ext_of(3.0), ext_of(10.0),
  ext(0,0x3ffb,0xCCCCCCCCCCCCCCCD), ext(0,0x403e,1<<63), ext(0,0x3fff+13287,0xA7C5AC471B478423), ext(1,0x3fff-13288,0x9E8A4F0D2C3B4F12),
  ext(0,0x4000,0x4000000000000000), ext_of(123456789.75), ext_of(-2.5), ext_of(0.5), ext_of(2.0**-1074), ext_of(1e300),
  ext(0,0x403d,0xFFFFFFFFFFFFFFFF), ext(1,0x401d,0xFFFFFFFF00000000), ext(0,0x3fff,0x8000000000000001), ext(0,0x3ffe,0xFFFFFFFFFFFFFFFF)]
DBL = [0.0, -0.0, 1.0, -1.5, 1/3, 1e308, 5e-324, 2.2250738585072014e-308, float('inf'), float('-inf'), 2.0**63, -2.0**63,
  2.0**31 - 0.5, -2.0**31 - 1, 4.5, 2.5, -0.5, 1e10, 3e9, 3.5, 1.7976931348623157e308, 0.1, -7.0, 2.0**53 + 2]
DBLBITS = [dbl(x) for x in DBL] + [0x7ff8000000001234, 0xfff0000000000001, 0xfff8000000000000, 0x000fffffffffffff, 0x8000000000000001]
SGLV = [0.0, -0.0, 1.0, -1.5, 1/3, 3.4e38, 1e-45, 1.1754943508222875e-38, float('inf'), float('-inf'), 2.0**31, -2.0**31, 2.5, 3.5,
  -0.5, 1e10, 16777217.0, 0.1, -7.0]
SGLBITS = [sgl(x) for x in SGLV] + [0x7fc01234, 0xff800001, 0xffc00000, 0x007fffff, 0x80000001]

CWS = [0x37f, 0x77f, 0xb7f, 0xf7f, 0x27f, 0x07f]
MXS = [0x1f80, 0x3f80, 0x5f80, 0x7f80]

def pairs(vals, n):
  all_ = [(a, b) for a in vals for b in vals]
  random.shuffle(all_)
  return all_[:n]

cases = []  # (insn, cw, mx, A, B, xmm0, xmm1, rax, rbx, mem, flags)
def case(insn, cw=0x37f, mx=0x1f80, a=EXT[2], b=EXT[5], x0=0, x1=0, rax=0, rbx=0, mem=0, flags=0x202):
  cases.append((insn, cw, mx, a, b, x0, x1, rax, rbx, mem, flags))

# ---- x87 ----
P = pairs(EXT, 36)
for insn in ['fadd st, st(1)', 'fsub st, st(1)', 'fsubr st, st(1)', 'fmul st, st(1)', 'fdiv st, st(1)', 'fdivr st, st(1)',
             'faddp st(1), st', 'fsubp st(1), st', 'fsubrp st(1), st', 'fmulp st(1), st', 'fdivp st(1), st', 'fdivrp st(1), st',
             'fadd st(1), st', 'fsub st(1), st', 'fdiv st(1), st']:
  for k, (a, b) in enumerate(P):
    for cw in (CWS if k < 8 else [0x37f]):
      case(insn, cw=cw, a=a, b=b)
for insn in ['fcom st(1)', 'fcomp st(1)', 'fucom st(1)', 'fucompp', 'fcomi st, st(1)', 'fucomi st, st(1)', 'fcomip st, st(1)',
             'fucomip st, st(1)', 'fprem', 'fprem1', 'fscale', 'fxch st(1)', 'fld st(1)', 'fst st(1)', 'fstp st(1)']:
  for (a, b) in P[:30]:
    case(insn, a=a, b=b)
for insn in ['fchs', 'fabs', 'fsqrt', 'frndint', 'fxtract', 'ftst', 'fxam', 'fistp qword ptr [rdi]', 'fist dword ptr [rdi]',
             'fistp word ptr [rdi]', 'fisttp qword ptr [rdi]', 'fisttp dword ptr [rdi]', 'fst qword ptr [rdi]', 'fstp dword ptr [rdi]',
             'fstp tbyte ptr [rdi]', 'fnstsw ax', 'fnstsw word ptr [rdi]', 'fnstcw word ptr [rdi]', 'ffree st(1)', 'fincstp', 'fdecstp']:
  for k, b in enumerate(EXT):
    for cw in (CWS if insn in ('fsqrt', 'frndint', 'fistp qword ptr [rdi]', 'fist dword ptr [rdi]', 'fst qword ptr [rdi]', 'fstp dword ptr [rdi]') and k % 2 == 0 else [0x37f]):
      case(insn, cw=cw, b=b)
for insn in ['fld1', 'fldz', 'fldpi', 'fldl2e', 'fldl2t', 'fldlg2', 'fldln2']:
  for cw in CWS:
    case(insn, cw=cw)
for v in DBLBITS:
  case('fld qword ptr [rdi]', mem=v)
  case('fadd qword ptr [rdi]', mem=v, b=EXT[4])
  case('fcomp qword ptr [rdi]', mem=v)
for v in SGLBITS:
  case('fld dword ptr [rdi]', mem=v)
  case('fmul dword ptr [rdi]', mem=v, b=EXT[5], cw=0xb7f)
for v in [0, 1, 0xffff, 0x8000, 0x7fffffff, 0x80000000, 0xffffffff, 0x123456789abcdef0, 0x8000000000000000, 0xffffffffffffffff]:
  case('fild word ptr [rdi]', mem=v)
  case('fild dword ptr [rdi]', mem=v)
  case('fild qword ptr [rdi]', mem=v)
  case('fiadd dword ptr [rdi]', mem=v, cw=0x77f)
  case('fidivr word ptr [rdi]', mem=v)
for k, v in enumerate(EXT):
  case('fld tbyte ptr [rdi]', mem=v)
  for cw in ([0x37f, 0x77f, 0xb7f] if k % 3 == 0 else [0x37f]):
    case('fbstp tbyte ptr [rdi]', b=v, cw=cw)
for v in [0, 1, 0x123456789012345678, 0x80000000000000000099, 0x800000000000000000, 0x999999999999999999, 0x80999999999999999999, 0x42]:
  case('fbld tbyte ptr [rdi]', mem=v)
for v in [ext_of(-0.3), ext_of(999999999999999999.0), ext_of(1e18), ext_of(-123456.5), ext_of(0.5)]:
  case('fbstp tbyte ptr [rdi]', b=v)
for insn in ['fcmovb st, st(1)', 'fcmove st, st(1)', 'fcmovbe st, st(1)', 'fcmovu st, st(1)', 'fcmovnb st, st(1)', 'fcmovne st, st(1)',
             'fcmovnbe st, st(1)', 'fcmovnu st, st(1)']:
  for fl in [0x202, 0x203, 0x242, 0x206, 0x247]:
    case(insn, flags=fl, a=EXT[4], b=EXT[3])
case('fninit'); case('fnclex', b=EXT[13]); case('fwait'); case('fnop')
case('fldcw word ptr [rdi]', mem=0xc7f); case('fld1', mem=0)

# ---- SSE ----
def q2(lo, hi): return lo | (hi << 64)
def s4(a, b, c, d): return a | (b << 32) | (c << 64) | (d << 96)
DP = pairs(DBLBITS, 30)
SP = pairs(SGLBITS, 30)
for insn in ['addsd', 'subsd', 'mulsd', 'divsd', 'minsd', 'maxsd', 'sqrtsd', 'addpd', 'subpd', 'mulpd', 'divpd', 'minpd', 'maxpd', 'sqrtpd',
             'comisd', 'ucomisd', 'cvtsd2ss', 'cvtpd2ps', 'andpd', 'andnpd', 'orpd', 'xorpd', 'unpcklpd', 'unpckhpd', 'movsd', 'movapd',
             'movhlps', 'movlhps', 'cvtpd2dq', 'cvttpd2dq']:
  for k, (a, b) in enumerate(DP):
    mxs = MXS if k < 6 and insn in ('addsd', 'subsd', 'mulsd', 'divsd', 'sqrtsd', 'cvtsd2ss', 'cvtpd2ps', 'cvtpd2dq', 'addpd') else [0x1f80]
    for mx in mxs:
      case(f'{insn} xmm0, xmm1', mx=mx, x0=q2(a, DBLBITS[(k * 7) % len(DBLBITS)]), x1=q2(b, DBLBITS[(k * 5 + 3) % len(DBLBITS)]))
for insn in ['addss', 'subss', 'mulss', 'divss', 'minss', 'maxss', 'sqrtss', 'addps', 'subps', 'mulps', 'divps', 'minps', 'maxps', 'sqrtps',
             'comiss', 'ucomiss', 'cvtss2sd', 'cvtps2pd', 'movss', 'unpcklps', 'unpckhps', 'cvtdq2ps', 'cvtps2dq', 'cvttps2dq', 'cvtdq2pd']:
  for k, (a, b) in enumerate(SP):
    mxs = MXS if k < 6 and insn in ('addss', 'mulss', 'divss', 'sqrtss', 'cvtps2dq', 'cvtdq2ps', 'addps') else [0x1f80]
    for mx in mxs:
      o = lambda j: SGLBITS[(k * 3 + j) % len(SGLBITS)]
      case(f'{insn} xmm0, xmm1', mx=mx, x0=s4(a, o(1), o(2), o(3)), x1=s4(b, o(4), o(5), o(6)))
for p in range(8):
  for k, (a, b) in enumerate(DP[:10]):
    case(f'cmpsd xmm0, xmm1, {p}', x0=q2(a, 5), x1=q2(b, 7))
    case(f'cmppd xmm0, xmm1, {p}', x0=q2(a, b), x1=q2(b, a))
  for k, (a, b) in enumerate(SP[:10]):
    case(f'cmpss xmm0, xmm1, {p}', x0=s4(a, 1, 2, 3), x1=s4(b, 4, 5, 6))
    case(f'cmpps xmm0, xmm1, {p}', x0=s4(a, b, b, a), x1=s4(b, a, a, a))
for k, v in enumerate(DBLBITS):
  for mx in MXS:
    for insn in ['cvtsd2si rax, xmm1', 'cvttsd2si rax, xmm1', 'cvtsd2si eax, xmm1', 'cvttsd2si eax, xmm1']:
      case(insn, mx=mx, x1=q2(v, 0), rax=0x1111111111111111)
  case('cvtsd2si rax, qword ptr [rdi]', mem=v)
  case('addsd xmm0, qword ptr [rdi]', mem=v, x0=q2(DBLBITS[k // 2], 99))
  case('movsd xmm0, qword ptr [rdi]', mem=v, x0=s4(1, 2, 3, 4))
  case('movsd qword ptr [rdi], xmm1', mem=0, x1=q2(v, 3))
  case('movmskpd eax, xmm1', x1=q2(v, DBLBITS[-1 - k]))
for k, v in enumerate(SGLBITS):
  for mx in MXS:
    for insn in ['cvtss2si rax, xmm1', 'cvttss2si eax, xmm1', 'cvtss2si eax, xmm1']:
      case(insn, mx=mx, x1=s4(v, 0, 0, 0), rax=0x1111111111111111)
  case('cvtss2sd xmm0, dword ptr [rdi]', mem=v)
  case('movmskps eax, xmm1', x1=s4(v, SGLBITS[-1 - k], SGLBITS[k // 2], 0x80000000))
for v in [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x1000001, 0x123456789abcdef0, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff,
          0x20000000000001, 0x20000000000003, 0xfffffffffffffffd]:
  for mx in MXS:
    for insn in ['cvtsi2sd xmm0, rax', 'cvtsi2sd xmm0, eax', 'cvtsi2ss xmm0, rax', 'cvtsi2ss xmm0, eax']:
      case(insn, mx=mx, rax=v, x0=s4(1, 2, 3, 4))
  case('cvtsi2sd xmm0, qword ptr [rdi]', mem=v, x0=s4(1, 2, 3, 4))
for imm in [0, 0x1b, 0xe4, 0x4e, 0xb1]:
  case(f'shufps xmm0, xmm1, {imm}', x0=s4(1, 2, 3, 4), x1=s4(5, 6, 7, 8))
  case(f'shufpd xmm0, xmm1, {imm & 3}', x0=s4(1, 2, 3, 4), x1=s4(5, 6, 7, 8))
for v in [0x1f80, 0x3f80, 0x1f81, 0x9fbf, 0xffc0]:
  case('ldmxcsr dword ptr [rdi]', mem=v)
case('stmxcsr dword ptr [rdi]', mx=0x5fa0)
case('movhpd xmm0, qword ptr [rdi]', mem=0x1122334455667788, x0=s4(1, 2, 3, 4))
case('movlps xmm0, qword ptr [rdi]', mem=0x1122334455667788, x0=s4(1, 2, 3, 4))
case('movhps qword ptr [rdi], xmm1', x1=s4(1, 2, 3, 4))
# DAZ and FTZ (gcc -ffast-math sets both)
DEN = [0x000fffffffffffff, 0x8000000000000001, 0x0010000000000000, dbl(1e-300), dbl(1e-10), 0, dbl(-3.0)]
SDEN = [0x007fffff, 0x80000001, 0x00800000, sgl(1e-30), sgl(1e-10), 0, sgl(-3.0)]
for mx in [0x1fc0, 0x9f80, 0x9fc0]:
  for a in DEN:
    for b in DEN[::2]:
      for insn in ['addsd', 'mulsd', 'divsd', 'minsd', 'comisd', 'cmpsd xmm0, xmm1, 1 #', 'addpd']:
        case(f'{insn} xmm0, xmm1'.replace(' # xmm0, xmm1', ''), mx=mx, x0=q2(a, b), x1=q2(b, a))
  for a in SDEN:
    for b in SDEN[::2]:
      for insn in ['mulss', 'subps', 'ucomiss']:
        case(f'{insn} xmm0, xmm1', mx=mx, x0=s4(a, b, a, b), x1=s4(b, a, a, b))
for k in [0, 3, 5, 7]:
  case(f'pinsrw xmm0, eax, {k}', rax=0x12345678abcd, x0=s4(0x11112222, 0x33334444, 0x55556666, 0x77778888))
  case(f'pinsrw xmm0, word ptr [rdi], {k}', mem=0xfedc, x0=s4(0x11112222, 0x33334444, 0x55556666, 0x77778888))
  case(f'pextrw eax, xmm1, {k}', rax=0xffffffffffffffff, x1=s4(0x11112222, 0x33334444, 0x55556666, 0x7777f888))

# ---- assemble each case for its bytes ----
src = '.intel_syntax noprefix\n' + ''.join(f'c{k}:\n {c[0]}\n' for k, c in enumerate(cases))
open('a.s', 'w').write(src)
subprocess.check_call(['as', '-o', 'a.o', 'a.s'])
dump = subprocess.check_output(['objdump', '-d', '-M', 'intel', 'a.o']).decode()
bytes_ = {}
cur = None
for line in dump.splitlines():
  m = re.match(r'^[0-9a-f]+ <c(\d+)>:', line)
  if m: cur = int(m.group(1)); bytes_[cur] = []; continue
  m = re.match(r'^\s+[0-9a-f]+:\t([0-9a-f ]+)\t', line)
  if m and cur is not None: bytes_[cur] += m.group(1).split()

# ---- run natively: one function per case, called on a state block ----
# state: 0 cw, 4 mxcsr, 16 A (10 bytes), 32 B, 48 xmm0, 64 xmm1, 80 mem (16), 96 rax, 104 rbx, 112 flags,
#        120 rax out, 128 flags out, 144 fxsave (512)
asm = ['.intel_syntax noprefix', '.text']
for k, c in enumerate(cases):
  asm += [f'.globl f{k}', f'f{k}:', ' push rbx', ' mov rdx, rdi', ' fninit', ' fldcw [rdx]', ' ldmxcsr [rdx+4]',
          ' movdqu xmm0, [rdx+48]', ' movdqu xmm1, [rdx+64]', ' fld tbyte ptr [rdx+16]', ' fld tbyte ptr [rdx+32]',
          ' lea rdi, [rdx+80]', ' mov rax, [rdx+96]', ' mov rbx, [rdx+104]', ' push qword ptr [rdx+112]', ' popfq',
          ' ' + c[0],
          ' mov [rdx+120], rax', ' pushfq', ' pop qword ptr [rdx+128]', ' fxsave [rdx+144]', ' fninit', ' ldmxcsr [rip+mx0]', ' pop rbx', ' ret']
asm += ['.data', 'mx0: .long 0x1f80']
open('run.s', 'w').write('\n'.join(asm) + '\n')
def le(v, n): return ','.join(str((v >> (8 * j)) & 0xff) for j in range(n))
cs = ['#include <stdio.h>', '#include <string.h>', '#include <stdint.h>']
cs += [f'void f{k}(unsigned char *);' for k in range(len(cases))]
cs.append('static void (*fns[])(unsigned char *) = {' + ','.join(f'f{k}' for k in range(len(cases))) + '};')
cs.append('static const unsigned char init[][120] = {')
for (insn, cw, mx, a, b, x0, x1, rax, rbx, mem, flags) in cases:
  st = bytearray(120)
  st[0:2] = cw.to_bytes(2, 'little'); st[4:8] = mx.to_bytes(4, 'little')
  st[16:26] = a.to_bytes(10, 'little'); st[32:42] = b.to_bytes(10, 'little')
  st[48:64] = x0.to_bytes(16, 'little'); st[64:80] = x1.to_bytes(16, 'little'); st[80:96] = mem.to_bytes(16, 'little')
  st[96:104] = rax.to_bytes(8, 'little'); st[104:112] = rbx.to_bytes(8, 'little'); st[112:120] = flags.to_bytes(8, 'little')
  cs.append('{' + ','.join(map(str, st)) + '},')
cs.append('};')
cs.append('''int main(void){ static unsigned char s[1024] __attribute__((aligned(64)));
 for (unsigned k = 0; k < sizeof fns / sizeof fns[0]; k++) { memset(s, 0, sizeof s); memcpy(s, init[k], 120); fns[k](s);
  for (int j = 80; j < 96; j++) printf("%02x", s[j]); printf(" ");
  for (int j = 120; j < 136; j++) printf("%02x", s[j]); printf(" ");
  for (int j = 144; j < 144 + 192; j++) printf("%02x", s[j]); printf("\\n"); } return 0; }''')
open('run.c', 'w').write('\n'.join(cs) + '\n')
subprocess.check_call(['gcc', '-O1', '-o', 'run', 'run.c', 'run.s'])
out = subprocess.check_output(['./run']).decode().splitlines()
# One row per case: the instruction, its bytes, the state before, the state after. An x87 case
# leaves the xmm registers alone and an SSE case the x87 stack, so each row carries only its half.
res = []
for k, c in enumerate(cases):
  insn, cw, mx, a, b, x0, x1, rax, rbx, mem, flags = c
  memout, regs, fx = out[k].split()
  fxb = bytes.fromhex(fx)
  x87 = insn.startswith('f')
  cwo, swo, tag = int.from_bytes(fxb[0:2], 'little'), int.from_bytes(fxb[2:4], 'little'), fxb[4]
  mxo = int.from_bytes(fxb[24:28], 'little')
  top = (swo >> 11) & 7
  st = []
  for i in range(8):
    if tag >> ((top + i) & 7) & 1: st.append(fxb[32 + 16 * i:42 + 16 * i][::-1].hex())
    else: st.append('')
  while st and st[-1] == '': st.pop()
  raxo = int.from_bytes(bytes.fromhex(regs[0:16]), 'little')
  flo = int.from_bytes(bytes.fromhex(regs[16:32]), 'little') & 0x8d5
  memo = bytes.fromhex(memout)[::-1].hex()
  before = [cw, mx, '%x' % a if x87 else '', '%x' % b if x87 else '', '' if x87 else '%x' % x0, '' if x87 else '%x' % x1,
            '%x' % rax, '%x' % rbx, '%x' % mem, flags]
  after = [cwo, swo, tag, mxo, st if x87 else [], '' if x87 else fxb[160:176][::-1].hex(), '' if x87 else fxb[176:192][::-1].hex(),
           '%x' % raxo, flo, memo.lstrip('0') or '0']
  res.append([insn, ' '.join(bytes_[k]), before, after])
with open('float_cases.json', 'w') as f:
  f.write('[\n' + ',\n'.join(json.dumps(r, separators=(',', ':')) for r in res) + '\n]\n')
print(len(res), 'cases')
