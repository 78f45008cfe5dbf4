/* Raw getdents64 of /proc: numeric entries exist and our own pid is one of them. */
struct dirent64 { unsigned long ino; long off; unsigned short reclen; unsigned char type; char name[]; };

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  long me = sys3(39, 0, 0, 0);
  long fd = sys6(257, -100, (long)"/proc", 0200000 /* O_DIRECTORY */, 0, 0, 0);
  if (fd < 0) { out("cannot open /proc\n"); return 1; }
  static char buf[8192];
  int numeric = 0, self = 0;
  long n;
  while ((n = sys3(217, fd, buf, sizeof buf)) > 0) {
    for (long off = 0; off < n;) {
      struct dirent64 *d = (struct dirent64 *)(buf + off);
      if (d->name[0] >= '0' && d->name[0] <= '9') {
        long v = 0;
        for (const char *p = d->name; *p; p++) v = v * 10 + (*p - '0');
        numeric++;
        if (v == me) self = 1;
      }
      off += d->reclen;
    }
  }
  sys3(3, fd, 0, 0);
  out(numeric > 0 && self ? "ok\n" : "missing process entries\n");
  return 0;
}
