/* qsort of a deterministic sequence (a linear congruential generator), then a check that it is
 * sorted and a checksum. The count is argv[1], 100000 by default. */
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100000;
  unsigned *v = malloc(n * sizeof *v);
  unsigned s = 12345;
  for (int i = 0; i < n; i++) { s = s * 1103515245u + 12345u; v[i] = s >> 1; }
  qsort(v, n, sizeof *v, cmp);
  unsigned long long sum = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && v[i - 1] > v[i]) { printf("not sorted at %d\n", i); return 1; }
    sum = sum * 1000003 + v[i];
  }
  printf("sorted %d: min %u max %u checksum %016llx\n", n, v[0], v[n - 1], sum);
  free(v);
  return 0;
}
