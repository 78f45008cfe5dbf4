# Authoring-time generator of integer_cases.json: each case is assembled with GNU as (for the
# bytes) and run natively on the host inside gcc inline asm (for the expected rax, rbx, rdx and the
# defined flags). Run from a scratch directory: python3 gen_integer_cases.py; copy cases.json here.
import subprocess, json, re
M64=(1<<64)-1
vals=[0,1,0x7f,0x80,0xff,0x7fffffff,0x80000000,0xffffffff,0x100000000,0x7fffffffffffffff,0x8000000000000000,M64,0x123456789abcdef0,0xfedcba9876543210,0x0f,0x10]
cases=[]
# (insn, flag mask) ; CF1 PF4 AF10 ZF40 SF80 OF800
ALL=0x8d5
two=[('add',ALL),('sub',ALL),('adc',ALL),('sbb',ALL),('and',0x8c5),('or',0x8c5),('xor',0x8c5),('cmp',ALL),('test',0x8c5)]
import itertools, random
random.seed(5)
pairs=[(a,b) for a in vals for b in vals]
random.shuffle(pairs)
pairs=pairs[:40]
for op,mask in two:
  for w,(ra,rb) in [(64,('rax','rbx')),(32,('eax','ebx')),(16,('ax','bx')),(8,('al','bl')),(8,('ah','bl'))]:
    for (a,b) in pairs[:8]:
      for cf in (0,1) if op in ('adc','sbb') else (0,):
        cases.append((f'{op} {ra}, {rb}',a,b,0,cf,mask))
  for (a,b) in pairs[8:12]:
    cases.append((f'{op} rax, -5',a,b,0,0,mask))
    cases.append((f'{op} eax, 0x7f',a,b,0,0,mask))
for op in ['inc','dec','neg','not']:
  for w in ['rax','eax','ax','al']:
    for a in vals[:12]:
      for cf in (0,1):
        cases.append((f'{op} {w}',a,0,0,cf, 0 if op=='not' else (0x8d5 if op=='neg' else 0x8d5)))
for op,mask in [('shl',0xc5|1),('shr',0xc5|1),('sar',0xc5|1),('rol',0x1),('ror',0x1),('rcl',0x1),('rcr',0x1)]:
  for w in ['rax','eax','ax','al']:
    for n in [1,3,7,8,15,31,33,63]:
      for a in [vals[2],vals[6],vals[10],vals[12]]:
        m = mask | (0x800 if n==1 else 0)
        cases.append((f'{op} {w}, {n}',a,0,0,1,m))
    cases.append((f'{op} {w}, cl',0x8123456789abcdef,0,0,0,mask))
for w in ['rbx','ebx','bx','bl']:
  for (a,b) in pairs[12:20]:
    cases.append((f'mul {w}',a,b,0x5555,0,0x801))
    cases.append((f'imul {w}',a,b,0x5555,0,0x801))
for (a,b) in pairs[20:30]:
  cases.append(('imul rax, rbx',a,b,0,0,0x801))
  cases.append(('imul eax, ebx',a,b,0,0,0x801))
  cases.append(('imul ax, bx',a,b,0,0,0x801))
  cases.append(('imul rax, rbx, 1000',a,b,0,0,0x801))
for (a,b) in [(100,7),(0xffffffffffffff9c,7),(12345678901234,1000),(M64,3)]:
  cases.append(('div rbx',a,b,0,0,0)); cases.append(('div ebx',a,b,0,0,0)); cases.append(('idiv rbx',a,b,M64 if a>>63 else 0,0,0)); cases.append(('idiv ebx',a,b,0xffffffff if a&0x80000000 else 0,0,0))
for (a,b) in pairs[30:40]:
  for op in ['bt','bts','btr','btc']:
    cases.append((f'{op} rax, rbx',a,b,0,0,1)); cases.append((f'{op} eax, 13',a,b,0,0,1))
  for op in ['bsf rax, rbx','bsr rax, rbx','tzcnt rax, rbx','lzcnt rax, rbx','popcnt rax, rbx','bsf eax, ebx','bsr ax, bx']:
    cases.append((op,a,b,0,0,0x41 if 'cnt' in op else 0x40))
  for op in ['shld rax, rbx, 5','shrd rax, rbx, 5','shld eax, ebx, 13','shrd eax, ebx, 31']:
    cases.append((op,a,b,0,0,0xc5|1))  # OF is undefined for counts other than 1
  cases.append(('xadd rax, rbx',a,b,0,0,ALL)); cases.append(('cmpxchg rbx, rdx',a,b,a,0,ALL)); cases.append(('cmpxchg ebx, edx',(a+1)&M64,b,a,0,ALL))
  cases.append(('bswap rax',a,b,0,0,0)); cases.append(('bswap eax',a,b,0,0,0))
  cases.append(('movsx rax, bl',a,b,0,0,0)); cases.append(('movzx eax, bx',a,b,0,0,0)); cases.append(('movsxd rax, ebx',a,b,0,0,0)); cases.append(('movsx ax, bl',a,b,0,0,0))
  cases.append(('lea rax, [rax+rbx*8-3]',a,b,0,0,0)); cases.append(('lea eax, [rax+rbx*2+0x7fffffff]',a,b,0,0,0))
  cases.append(('cqo',a,b,0,0,0)); cases.append(('cdq',a,b,0,0,0)); cases.append(('cdqe',a,b,0,0,0)); cases.append(('cwde',a,b,0,0,0)); cases.append(('cbw',a,b,0,0,0)); cases.append(('cwd',a,b,0,0,0))
  for cc in ['b','l','le','a','g','s','p','o']:
    cases.append((f'cmp rax, rbx\n set{cc} dl',a,b,0,0,0))
    cases.append((f'cmp ebx, eax\n cmov{cc} eax, edx',a,b,0x1234,0,0))
  cases.append(('sahf',a,b,0,0,0xd5)); cases.append(('lahf',a,b,0,0,0))
  cases.append(('xchg ah, bl',a,b,0,0,0))
# assemble each case
src='.intel_syntax noprefix\n'+''.join(f'c{k}:\n {c[0]}\n' for k,c in enumerate(cases))
open('a.s','w').write(src)
subprocess.check_call(['as','-o','a.o','a.s'])
dump=subprocess.check_output(['objdump','-d','-M','intel','a.o']).decode()
bytes_={}
cur=None
for line in dump.splitlines():
  m=re.match(r'^[0-9a-f]+ <c(\d+)>:',line)
  if m: cur=int(m.group(1)); bytes_[cur]=[]; continue
  m=re.match(r'^\s+[0-9a-f]+:\t([0-9a-f ]+)\t',line)
  if m and cur is not None: bytes_[cur]+=m.group(1).split()
# C program to compute results
c=['#include <stdio.h>','int main(){unsigned long a,b,d,f,fin;']
for k,(ins,a,b,d,cf,mask) in enumerate(cases):
  body=ins.replace('\n',';')
  c.append(f'a={a}UL;b={b}UL;d={d}UL;fin={0x202|cf};')
  c.append(f'__asm__ volatile(".intel_syntax noprefix\\n push %[fin]\\n popfq\\n {body}\\n pushfq\\n pop %[f]\\n .att_syntax" : "+a"(a),"+b"(b),"+d"(d),[f]"=&r"(f) : [fin]"r"(fin), "c"(0x8123456789abcdefUL) : "cc");')
  c.append('printf("%lu %lu %lu %lu\\n",a,b,d,f);')
c.append('return 0;}')
open('t.c','w').write('\n'.join(c))
subprocess.check_call(['gcc','-O0','-o','t','t.c'])
out=subprocess.check_output(['./t']).decode().split('\n')
res=[]
for k,(ins,a,b,d,cf,mask) in enumerate(cases):
  ra,rb,rd,f=map(int,out[k].split())
  res.append([ins.replace('\n',';'),' '.join(bytes_[k]),hex(a),hex(b),hex(d),cf,hex(mask),hex(ra),hex(rb),hex(rd),hex(f&mask)])
open('cases.json','w').write('[\n'+',\n'.join(json.dumps(r) for r in res)+'\n]\n')
print(len(res))
