/* Raw file I/O: openat with O_CREAT, write, lseek, read, fstat, rename, unlink, and the errno of
 * opening a file that is gone. Works in a fresh directory under /tmp. */
#define AT_FDCWD -100
#define O_RDONLY 0
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000

static long openat_(const char *p, long flags, long mode) { return sys6(257, AT_FDCWD, (long)p, flags, mode, 0, 0); }

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  char dir[] = "/tmp/raw-fileio";
  sys3(83, dir, 0700, 0);                                        /* mkdir */
  long fd = openat_("/tmp/raw-fileio/a", O_RDWR | O_CREAT | O_TRUNC, 0644);
  out("open: "); outnum(fd >= 0); out("\n");
  const char text[] = "line one\nline two\n";
  out("write: "); outnum(sys3(1, fd, text, sizeof text - 1)); out("\n");
  out("lseek: "); outnum(sys3(8, fd, 5, 0)); out("\n");
  char buf[32] = {0};
  long n = sys3(0, fd, buf, 3);
  out("read: "); outnum(n); out(" ["); out(buf); out("]\n");
  unsigned long st[18];
  sys3(5, fd, st, 0);                                            /* fstat */
  out("size: "); outnum((long)st[6]); out(" mode: "); outhex(st[3] & 07777); out("\n");
  sys3(3, fd, 0, 0);
  out("rename: "); outnum(sys3(82, "/tmp/raw-fileio/a", "/tmp/raw-fileio/b", 0)); out("\n");
  out("open old name: "); outnum(openat_("/tmp/raw-fileio/a", O_RDONLY, 0)); out("\n");   /* -ENOENT */
  out("unlink: "); outnum(sys3(87, "/tmp/raw-fileio/b", 0, 0)); out("\n");
  out("rmdir: "); outnum(sys3(84, dir, 0, 0)); out("\n");
  out("rmdir again: "); outnum(sys3(84, dir, 0, 0)); out("\n");
  return 0;
}
