/* getdents64 of /proc through readdir: there are numeric (process) entries, and our own pid is
 * one of them. The counts differ between machines, so only the verdict is printed. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
  DIR *d = opendir("/proc");
  if (!d) { perror("opendir"); return 1; }
  int numeric = 0, self = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    numeric++;
    if (atoi(e->d_name) == getpid()) self = 1;
  }
  closedir(d);
  printf("%s\n", numeric > 0 && self ? "ok" : "missing process entries");
  return 0;
}
