/* The vDSO: libc reads the clock without a syscall. Prints only what holds on any Linux: reads
 * through the vDSO and through the real syscall interleave without going back, the image is an
 * ELF mapped where AT_SYSINFO_EHDR says, and getcpu agrees with the kernel's answer. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  int syscalls = 0, back = 0;
  struct timespec prev = {0, 0}, t;
  for (int i = 0; i < 200; i++) {
    if (i % 2) {
      syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t); /* the kernel */
      syscalls++;
    } else {
      clock_gettime(CLOCK_MONOTONIC, &t); /* libc: the vDSO */
    }
    if (ns(t) < ns(prev)) back++;
    prev = t;
  }
  printf("monotonic reads going back: %d\n", back);

  struct timespec v, k;
  clock_gettime(CLOCK_REALTIME, &v);
  syscall(SYS_clock_gettime, CLOCK_REALTIME, &k);
  syscalls++;
  long long d = ns(k) - ns(v);
  printf("realtime vdso and syscall agree: %s\n", d >= 0 && d < 1000000000LL ? "yes" : "no");

  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday agrees: %s\n", tv.tv_sec >= v.tv_sec && tv.tv_sec - v.tv_sec < 2 ? "yes" : "no");
  time_t now = time(NULL);
  printf("time agrees: %s\n", now >= v.tv_sec && now - v.tv_sec < 2 ? "yes" : "no");

  struct timespec c1, c2;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &c1);
  clock_gettime(CLOCK_MONOTONIC, &c2);
  printf("coarse not ahead: %s\n", ns(c1) <= ns(c2) ? "yes" : "no");

  unsigned long ehdr = getauxval(AT_SYSINFO_EHDR);
  printf("vdso is an ELF: %s\n", ehdr && memcmp((void *)ehdr, "\177ELF", 4) == 0 ? "yes" : "no");
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[256];
  unsigned long vdso = 0, vvar = 0;
  while (maps && fgets(line, sizeof line, maps)) {
    unsigned long start;
    if (sscanf(line, "%lx-", &start) != 1) continue;
    if (strstr(line, "[vdso]")) vdso = start;
    if (strstr(line, "[vvar]") && !vvar) vvar = start;
  }
  printf("[vdso] at AT_SYSINFO_EHDR: %s\n", vdso == ehdr ? "yes" : "no");
  printf("[vvar] below [vdso]: %s\n", vvar && vvar < vdso ? "yes" : "no");

  unsigned cpu = 99, kcpu = 98;
  cpu = sched_getcpu();
  syscall(SYS_getcpu, &kcpu, NULL, NULL);
  syscalls++;
  printf("getcpu agrees: %s\n", cpu == kcpu ? "yes" : "no");
  printf("syscalls made on purpose: %d\n", syscalls);
  return 0;
}
