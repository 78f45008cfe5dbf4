/* Raw argv/envp: the initial stack as execve built it, read by our own _start. */
static int starts(const char *s, const char *p) { while (*p) if (*s++ != *p++) return 0; return 1; }

int main(int argc, char **argv, char **envp) {
  out("argc="); outnum(argc); out("\n");
  for (int i = 1; i < argc; i++) { out("argv["); outnum(i); out("]=["); out(argv[i]); out("]\n"); }
  for (char **e = envp; *e; e++) if (starts(*e, "CORPUS_")) { out(*e); out("\n"); }
  return argc;
}
