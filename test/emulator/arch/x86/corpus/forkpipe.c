/* fork, pipe and wait: three children each write a line into one pipe and exit with their
 * index; the parent reads until end of file and reaps them in order. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int fd[2];
  if (pipe(fd) != 0) return 1;
  pid_t kids[3];
  for (int i = 0; i < 3; i++) {
    kids[i] = fork();
    if (kids[i] == 0) {
      close(fd[0]);
      char line[32];
      int n = snprintf(line, sizeof line, "child %d\n", i);
      write(fd[1], line, n);
      _exit(10 + i);
    }
  }
  close(fd[1]);
  char buf[256];
  size_t total = 0;
  ssize_t n;
  while ((n = read(fd[0], buf + total, sizeof buf - 1 - total)) > 0) total += n;
  buf[total] = 0;
  printf("read %zu bytes, %d lines\n", total, (int)(strlen(buf) / strlen("child 0\n")));
  for (int i = 0; i < 3; i++) {
    int st;
    if (waitpid(kids[i], &st, 0) != kids[i]) return 2;
    printf("child %d exited %d\n", i, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  }
  return 0;
}
