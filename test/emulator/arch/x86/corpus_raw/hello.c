/* Raw hello: write(2) and exit_group(2) only, numbers formatted by hand. */
int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  out("hello, world\n");
  outnum(-1234567890123L); out(" "); outhex(0xbeefUL); out(" "); outnum(0); out("\n");
  return 0;
}
