/* File I/O: create a file, write it in pieces, stat it, read it back through stdio and with
 * lseek, then remove it. The name carries the pid so parallel runs on the host do not collide. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int main(void) {
  umask(022);
  char path[64];
  snprintf(path, sizeof path, "/tmp/corpus-fileio-%d", (int)getpid());
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0640);
  if (fd < 0) { perror("open"); return 1; }
  for (int i = 0; i < 100; i++) {
    char line[32];
    int n = snprintf(line, sizeof line, "line %03d\n", i);
    if (write(fd, line, n) != n) return 2;
  }
  close(fd);

  struct stat st;
  if (stat(path, &st) != 0) return 3;
  printf("size %lld, regular %d, mode %o\n", (long long)st.st_size, S_ISREG(st.st_mode), (unsigned)(st.st_mode & 0777));

  FILE *f = fopen(path, "r");
  char line[32];
  int lines = 0;
  unsigned sum = 0;
  while (fgets(line, sizeof line, f)) { lines++; for (char *p = line; *p; p++) sum = sum * 31 + (unsigned char)*p; }
  fclose(f);
  printf("read %d lines, hash %08x\n", lines, sum);

  fd = open(path, O_RDONLY);
  char mid[9] = {0};
  lseek(fd, 9 * 50, SEEK_SET);
  read(fd, mid, 8);
  printf("at offset 450: '%s', end at %lld\n", mid, (long long)lseek(fd, 0, SEEK_END));
  close(fd);

  int removed = unlink(path);
  printf("unlink %d, stat after %d\n", removed, stat(path, &st));
  return 0;
}
