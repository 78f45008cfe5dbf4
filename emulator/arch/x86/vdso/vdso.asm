; The vDSO's code: the functions the kernel maps into every process ([vdso]) so that asking the
; time needs no system call. libc finds them through AT_SYSINFO_EHDR and the ELF symbol table that
; vdso_image.ts wraps around this code (__vdso_clock_gettime@LINUX_2.6 …). Each function reads the
; data page the kernel keeps current ([vvar], one page below the image; uapi/vdso_datapage.ts) and
; the time-stamp counter, exactly as Linux's lib/vdso/gettimeofday.c does:
;
;     ns = base_nsec + (rdtsc - cycle_last) * mult >> shift
;
; and falls back to the real syscall for what it cannot answer from user space.
;
; Built with the host's NASM into vdso_text.ts (`nasm -f bin`); test/emulator/arch/x86/vdso.test.ts
; reassembles this file and fails if the committed bytes differ (UPDATE_VDSO=1 rewrites them), as
; Linux builds its vdso-image-64.c from the vDSO's sources with vdso2c.

bits 64
default rel
[map symbols vdso.map]

TEXT_OFFSET     equ 0x800           ; where vdso_image.ts puts this code in the image
vvar            equ $$ - TEXT_OFFSET - 0x1000

; uapi/vdso_datapage.ts
VD_SEQ          equ 0
VD_CLOCK_MODE   equ 4
VD_CYCLE_LAST   equ 8
VD_MULT         equ 16
VD_SHIFT        equ 20
VD_BASETIME     equ 24              ; 12 × { u64 sec; u64 nsec }
VD_TZ_MINUTESWEST equ 216
VD_TZ_DSTTIME   equ 220
VD_HRTIMER_RES  equ 224

VDSO_HRES       equ 0x0893          ; REALTIME, MONOTONIC, MONOTONIC_RAW, BOOTTIME, TAI
VDSO_COARSE     equ 0x0060          ; REALTIME_COARSE, MONOTONIC_COARSE
MAX_CLOCK       equ 11
LOW_RES_NSEC    equ 4000000         ; one tick at HZ=250: the coarse clocks' resolution
NSEC_PER_SEC    equ 1000000000

NR_gettimeofday equ 96
NR_time         equ 201
NR_clock_gettime equ 228
NR_clock_getres equ 229

; ---- int clock_gettime(clockid_t clk /* edi */, struct timespec *ts /* rsi */) ---------------
__vdso_clock_gettime:
        cmp     edi, MAX_CLOCK          ; unsigned: negative ids (a pid's CPU clocks) are above too
        ja      .syscall
        mov     eax, 1
        mov     ecx, edi
        shl     eax, cl                 ; 1 << clk
        test    eax, VDSO_HRES
        jnz     .hres
        test    eax, VDSO_COARSE
        jnz     .coarse
.syscall:                               ; CPU-time clocks and the rest: ask the kernel
        mov     eax, NR_clock_gettime
        syscall
        ret
.hres:
        mov     r11d, edi
        call    do_hres
        jc      .syscall                ; the clocksource is not readable from user space
.store:
        mov     [rsi], rdx              ; tv_sec
        mov     [rsi + 8], rax          ; tv_nsec
        xor     eax, eax
        ret
.coarse:                                ; the bases alone: cheaper, one tick coarse
        lea     r8, [vvar]
        mov     r9d, edi
        shl     r9, 4
        lea     r9, [r8 + VD_BASETIME + r9]
.coarse_retry:
        mov     r10d, [r8 + VD_SEQ]
        test    r10d, 1
        jnz     .coarse_wait
        mov     rdx, [r9]
        mov     rax, [r9 + 8]
        cmp     r10d, [r8 + VD_SEQ]
        jne     .coarse_retry
        jmp     .store
.coarse_wait:
        pause
        jmp     .coarse_retry

; do_hres: the time of clock r11d (one of VDSO_HRES) in rdx = seconds, rax = nanoseconds.
; CF set (and nothing else meaningful) if the clock must be read by the syscall instead.
; Clobbers rcx, r8, r9, r10.
do_hres:
        lea     r8, [vvar]
        shl     r11, 4
        lea     r9, [r8 + VD_BASETIME + r11]    ; &basetime[clk]
.retry:
        mov     r10d, [r8 + VD_SEQ]             ; a seqcount read section begins
        test    r10d, 1
        jnz     .wait                           ; the kernel is mid-update
        cmp     dword [r8 + VD_CLOCK_MODE], 0
        je      .no_clocksource
        rdtsc                                   ; edx:eax = the cycle counter
        shl     rdx, 32
        or      rax, rdx
        sub     rax, [r8 + VD_CYCLE_LAST]       ; cycles since the kernel took the bases
        jae     .scale
        xor     eax, eax                        ; never go back before the base
.scale:
        mov     ecx, [r8 + VD_MULT]
        imul    rax, rcx
        add     rax, [r9 + 8]                   ; + base nsec (shifted)
        mov     ecx, [r8 + VD_SHIFT]
        shr     rax, cl
        mov     rdx, [r9]                       ; base seconds
        cmp     r10d, [r8 + VD_SEQ]             ; did the kernel rewrite the page meanwhile?
        jne     .retry
        mov     ecx, NSEC_PER_SEC
.carry:                                         ; whole seconds of nsec go into the seconds
        cmp     rax, rcx
        jb      .done
        sub     rax, rcx
        inc     rdx
        jmp     .carry
.done:
        clc
        ret
.wait:
        pause
        jmp     .retry
.no_clocksource:
        stc
        ret

; ---- int gettimeofday(struct timeval *tv /* rdi */, struct timezone *tz /* rsi */) ----------
__vdso_gettimeofday:
        test    rdi, rdi
        jz      .tz
        xor     r11d, r11d                      ; CLOCK_REALTIME
        call    do_hres
        jc      .syscall
        mov     [rdi], rdx                      ; tv_sec
        xor     edx, edx
        mov     ecx, 1000
        div     rcx
        mov     [rdi + 8], rax                  ; tv_usec
.tz:
        test    rsi, rsi
        jz      .done
        lea     r8, [vvar]
        mov     eax, [r8 + VD_TZ_MINUTESWEST]
        mov     [rsi], eax
        mov     eax, [r8 + VD_TZ_DSTTIME]
        mov     [rsi + 4], eax
.done:
        xor     eax, eax
        ret
.syscall:
        mov     eax, NR_gettimeofday
        syscall
        ret

; ---- time_t time(time_t *t /* rdi */) -------------------------------------------------------
; The seconds of CLOCK_REALTIME's base, as Linux's vDSO time() reads them: no counter needed.
__vdso_time:
        lea     r8, [vvar]
        mov     rax, [r8 + VD_BASETIME]
        test    rdi, rdi
        jz      .done
        mov     [rdi], rax
.done:
        ret

; ---- int clock_getres(clockid_t clk /* edi */, struct timespec *res /* rsi */) --------------
__vdso_clock_getres:
        cmp     edi, MAX_CLOCK
        ja      .syscall
        mov     eax, 1
        mov     ecx, edi
        shl     eax, cl
        test    eax, VDSO_HRES
        jnz     .hres
        test    eax, VDSO_COARSE
        jz      .syscall
        mov     eax, LOW_RES_NSEC
        jmp     .store
.hres:
        lea     r8, [vvar]
        mov     eax, [r8 + VD_HRTIMER_RES]
.store:
        test    rsi, rsi
        jz      .done
        mov     qword [rsi], 0
        mov     [rsi + 8], rax
.done:
        xor     eax, eax
        ret
.syscall:
        mov     eax, NR_clock_getres
        syscall
        ret

; ---- int getcpu(unsigned *cpu /* rdi */, unsigned *node /* rsi */, void *cache) -------------
; The kernel programs each CPU's TSC_AUX register with (node << 12) | cpu; rdtscp reads it.
__vdso_getcpu:
        rdtscp                                  ; ecx = TSC_AUX (edx:eax = the counter, unused)
        test    rdi, rdi
        jz      .node
        mov     eax, ecx
        and     eax, 0xfff
        mov     [rdi], eax
.node:
        test    rsi, rsi
        jz      .done
        shr     ecx, 12
        mov     [rsi], ecx
.done:
        xor     eax, eax
        ret
vdso_end:
