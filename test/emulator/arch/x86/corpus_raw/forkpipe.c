/* Raw fork + pipe + wait4: the child writes into the pipe and exits with a status the parent reads. */
int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  int fds[2];
  if (sys3(22, fds, 0, 0) != 0) return 1;            /* pipe */
  long pid = sys3(57, 0, 0, 0);                       /* fork */
  if (pid == 0) {
    sys3(3, fds[0], 0, 0);
    const char msg[] = "through the pipe";
    sys3(1, fds[1], msg, sizeof msg - 1);
    exit_(42);
  }
  sys3(3, fds[1], 0, 0);
  char buf[64];
  long n, total = 0;
  while ((n = sys3(0, fds[0], buf + total, sizeof buf - 1 - total)) > 0) total += n;
  buf[total] = 0;
  int status = 0;
  long w = sys6(61, pid, (long)&status, 0, 0, 0, 0);  /* wait4 */
  out("read "); outnum(total); out(" bytes: "); out(buf); out("\n");
  out("waited for the child: "); out(w == pid ? "yes" : "no"); out(", exit status ");
  outnum((status >> 8) & 0xff); out("\n");
  return 0;
}
