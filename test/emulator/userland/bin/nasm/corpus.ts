// Instruction lines whose encoding must match NASM's, one form per line. Labels `back`/`fwd` and
// `ext` (an extern) are defined by the harness around them.

export const CORPUS = `
loop back
loope back
loopne back
jrcxz back
jmp short back
mov rax, 2
mov rax, -1
mov rax, 0x80000000
mov rax, 0x100000000
mov rax, 0xffffffff
mov eax, 2
mov ax, 2
mov al, 2
mov ah, 2
mov r8, 2
mov r8d, -1
mov r12b, 7
mov sil, 1
mov rdi, back
mov rdi, ext
mov rax, rbx
mov r9, r10
mov eax, ebx
mov ax, bx
mov al, bl
mov ah, bh
mov spl, al
mov rax, [rbx]
mov rax, [rbp]
mov rax, [rsp]
mov rax, [r12]
mov rax, [r13]
mov rax, [rbx+8]
mov rax, [rbx-8]
mov rax, [rbx+200]
mov rax, [rbx+rcx]
mov rax, [rbx+rcx*4]
mov rax, [rbx+rcx*8+16]
mov rax, [rcx*8]
mov rax, [rcx*2]
mov rax, [rcx*3]
mov rax, [r8+r9*2+0x1000]
mov rax, [rsp+rax]
mov eax, [ebx]
mov [rbx], rax
mov [rsp+8], edi
mov byte [rax], 1
mov word [rax], 1
mov dword [rax], 1
mov qword [rax], 1
mov qword [rax], -1
mov qword [rax+8], back
mov rax, [back]
mov rax, [rel back]
mov eax, [abs back]
mov rax, [fs:0x28]
mov rax, fs:[0x28]
mov ecx, [gs:rax]
mov rax, [ext]
mov rax, [rel ext]
movzx eax, byte [rdi]
movzx eax, al
movzx rax, word [rdi]
movzx ecx, dx
movsx rax, byte [rdi]
movsx eax, cl
movsx rax, eax
movsxd rax, dword [rsi]
movsxd rdx, ecx
lea rsi, [rel back]
lea rax, [rax+rax*2]
lea rdi, [rsp+16]
lea eax, [rdi+1]
add rax, 1
add rax, 1000
add rbx, 1000
add eax, -1
add ax, 0xffff
add al, 5
add bl, 5
add rax, rbx
add rax, [rbx]
add [rbx], rax
add qword [rbx], 1
add dword [rbx], 1000
add byte [rbx], 1
add rax, ext
or rax, rcx
adc rdx, 0
sbb eax, eax
and eax, 0xfffffff0
and rsp, -16
sub rsp, 8
sub rsp, 128
sub rsp, 4096
xor eax, eax
xor r8d, r8d
cmp rax, rbx
cmp al, 0x7f
cmp byte [rdi], 0
cmp rdi, -4095
test rax, rax
test eax, 1
test rax, 1
test bl, 1
test byte [rdi], 0x80
test [rdi], eax
push rax
push r12
push 1
push 1000
push qword [rbp+8]
push back
pop rbp
pop r15
pop qword [rax]
xchg rax, rbx
xchg rbx, rax
xchg eax, eax
xchg rbx, rcx
xchg [rdi], al
xchg eax, [rdi]
cmpxchg [rdi], rsi
lock cmpxchg [rdi], ecx
xadd [rdi], eax
lock xadd qword [rdi], rax
inc rax
inc dword [rdi]
dec ecx
dec byte [rdi]
neg rax
not eax
mul rbx
imul rcx
div rcx
idiv dword [rdi]
imul rax, rbx
imul eax, [rdi]
imul eax, ebx, 3
imul rax, rbx, 1000
imul rax, 10
shl rax, 1
shl rax, 3
shr eax, cl
sar rdx, 63
sal ecx, 2
rol al, 1
ror r8, 7
rcl ebx, 1
rcr dword [rdi], 3
bt rax, rbx
bt eax, 3
bts qword [rdi], 5
btr ecx, edx
btc rax, 63
bsf rax, rbx
bsr ecx, [rdi]
lzcnt rax, rdi
tzcnt eax, ecx
popcnt rax, [rdi]
sete al
setne byte [rdi]
setl r8b
setg sil
cmove rax, rbx
cmovne eax, [rdi]
cmovb ecx, edx
cmovge r8, r9
jmp back
jmp fwd
jmp ext
jmp rax
jmp [rax+8]
jmp qword [rel back]
je back
jne fwd
jl ext
ja near back
call back
call ext
call rax
call [rbx]
call ext wrt ..plt
ret
ret 8
int 0x80
int3
syscall
nop
nop eax
cpuid
rdtsc
ud2
hlt
leave
pause
endbr64
cld
std
clc
stc
cmc
cbw
cwde
cdqe
cwd
cdq
cqo
pushf
popf
movsb
movsw
movsd
movsq
rep movsb
rep movsq
rep stosb
rep stosq
repe cmpsb
repne scasb
lodsb
lodsq
stosd
scasq
mfence
movdqa xmm0, xmm1
movdqa xmm8, [rax]
movdqa [rsp+16], xmm15
movdqu xmm2, [rdi]
movdqu [rdi], xmm3
movdqu xmm1, xmm2
movaps xmm0, xmm1
movaps [rax], xmm9
movups xmm3, [rsi+8]
movups [rsi], xmm4
movups xmm4, xmm5
movd xmm0, eax
movd eax, xmm0
movd xmm1, [rdi]
movd [rdi], xmm1
movq xmm0, rax
movq rax, xmm0
movq xmm0, xmm1
movq xmm0, [rdi]
movq [rdi], xmm0
movq xmm10, r11
pxor xmm0, xmm0
por xmm1, xmm2
pand xmm1, xmm2
pandn xmm1, xmm2
pcmpeqb xmm0, [rdi]
pcmpeqw xmm0, xmm1
pcmpeqd xmm0, xmm1
pmovmskb eax, xmm0
pmovmskb r8d, xmm9
punpcklbw xmm0, xmm1
punpcklwd xmm0, xmm1
punpckldq xmm0, xmm1
punpcklqdq xmm0, xmm1
pshufd xmm0, xmm1, 0
pshufd xmm0, [rdi], 0x1b
psubb xmm0, xmm1
psubw xmm0, xmm1
psubd xmm0, xmm1
psubq xmm0, xmm1
paddb xmm0, xmm1
paddw xmm0, xmm1
paddd xmm0, xmm1
paddq xmm0, xmm1
pminub xmm0, xmm1
pcmpgtb xmm0, xmm1
pxor xmm8, [rel back]
`;
