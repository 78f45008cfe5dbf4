/* Raw sort: N pseudo-random integers (an LCG, default 100000) heap-sorted in a static array,
 * then checked and summarised. No libc: the loops are the compiler's. */
#define MAX 200000
static unsigned int a[MAX];

static long atol_(const char *s) { long v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

static void sift(unsigned int *v, long start, long end) {
  long root = start;
  while (2 * root + 1 <= end) {
    long child = 2 * root + 1, swap = root;
    if (v[swap] < v[child]) swap = child;
    if (child + 1 <= end && v[swap] < v[child + 1]) swap = child + 1;
    if (swap == root) return;
    unsigned int t = v[root]; v[root] = v[swap]; v[swap] = t;
    root = swap;
  }
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  long n = argc > 1 ? atol_(argv[1]) : 100000;
  if (n < 1 || n > MAX) return 2;
  unsigned long x = 12345;
  for (long i = 0; i < n; i++) { x = x * 6364136223846793005UL + 1442695040888963407UL; a[i] = (unsigned int)(x >> 33); }
  for (long s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
  for (long end = n - 1; end > 0; end--) { unsigned int t = a[0]; a[0] = a[end]; a[end] = t; sift(a, 0, end - 1); }
  long sorted = 1;
  unsigned long sum = 0;
  for (long i = 0; i < n; i++) { if (i && a[i - 1] > a[i]) sorted = 0; sum = sum * 31 + a[i]; }
  out("n="); outnum(n); out(" sorted="); outnum(sorted); out(" min="); outnum(a[0]);
  out(" max="); outnum(a[n - 1]); out(" hash="); outhex(sum); out("\n");
  return 0;
}
