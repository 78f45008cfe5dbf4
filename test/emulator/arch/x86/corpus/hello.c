/* printf's formatting paths: strings, padded and signed integers, hex, chars and pointers. */
#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  printf("[%5d] [%-5d] [%05d] [%+d] [%ld]\n", 42, 42, 42, -42, -1234567890123L);
  printf("[%x] [%#o] [%c] [%.3s] [%10s]\n", 0xbeefu, 8u, 'x', "abcdef", "right");
  printf("%s %p\n", "null pointer:", (void *)0);
  return 0;
}
