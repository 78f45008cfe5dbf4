/* Interval timers: setitimer/getitimer/alarm on ITIMER_REAL, checked by what holds on any Linux —
 * a periodic timer fires repeatedly and is read back with its interval, alarm() reports the old
 * timer in rounded seconds, and bad arguments give the same errno. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int ticks;
static void on_alarm(int sig) { (void)sig; ticks++; }

int main(void) {
  signal(SIGALRM, on_alarm);
  struct itimerval it = {{0, 20000}, {0, 20000}}, old, now;
  printf("setitimer: %d\n", setitimer(ITIMER_REAL, &it, &old));
  printf("old: %ld.%06ld %ld.%06ld\n", (long)old.it_interval.tv_sec, (long)old.it_interval.tv_usec,
         (long)old.it_value.tv_sec, (long)old.it_value.tv_usec);
  while (ticks < 3) pause();
  getitimer(ITIMER_REAL, &now);
  printf("ticks >= 3: %d, interval %ld.%06ld, value in (0, 20ms]: %d\n", ticks >= 3, (long)now.it_interval.tv_sec,
         (long)now.it_interval.tv_usec, now.it_value.tv_sec == 0 && now.it_value.tv_usec > 0 && now.it_value.tv_usec <= 20000);
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  getitimer(ITIMER_REAL, &now);
  printf("disarmed: %ld %ld\n", (long)now.it_value.tv_sec, (long)now.it_value.tv_usec);

  printf("alarm(5): %u\n", alarm(5));
  printf("alarm(0) after alarm(5): %u\n", alarm(0));
  struct itimerval short_one = {{0, 0}, {0, 300000}};
  setitimer(ITIMER_REAL, &short_one, NULL);
  printf("alarm(0) with 0.3 s left: %u\n", alarm(0));

  struct itimerval bad = {{0, 0}, {0, 1000000}};
  int r = setitimer(ITIMER_REAL, &bad, NULL);
  printf("usec 1000000: %d %s\n", r, strerror(errno));
  r = setitimer(7, &it, NULL);
  printf("which 7: %d %s\n", r, strerror(errno));
  r = getitimer(ITIMER_REAL, (struct itimerval *)8);
  printf("getitimer to a bad pointer: %d %s\n", r, strerror(errno));
  return 0;
}
