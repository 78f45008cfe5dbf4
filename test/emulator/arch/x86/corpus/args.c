/* argv and envp as the kernel laid them out on the initial stack. argv[0] is shown without its
 * directory and only CORPUS_ variables are printed, so the host and machine runs agree. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv, char **envp) {
  const char *slash = strrchr(argv[0], '/');
  printf("argc=%d argv[0]=%s\n", argc, slash ? slash + 1 : argv[0]);
  for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  for (char **e = envp; *e; e++)
    if (strncmp(*e, "CORPUS_", 7) == 0) printf("env %s\n", *e);
  return argc;
}
