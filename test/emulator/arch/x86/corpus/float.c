// Floating point through musl: printf of doubles, floats and long doubles in every conversion
// (musl formats through long double, i.e. the x87), strtod/strtof/strtold, SSE arithmetic and
// conversions, the NaN and infinity rules, rounding modes, and libm functions musl writes in C
// (double arithmetic) or in x87 assembly (sqrtl, fmodl, remainderl, rintl, floorl, lrintl).
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static double fromBits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

int main(int argc, char **argv) {
  (void)argv;
  volatile double one = argc; // 1, but the compiler cannot fold it
  double vals[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 2.0 / 3.0, 1e-5, 123456.789, 1e15, 1e16, 1e22, 1e23, 1.7976931348623157e308,
    2.2250738585072014e-308, 4.9406564584124654e-324, 1e-310, 3.141592653589793, 2.718281828459045, 0.30000000000000004,
    9007199254740993.0, -4503599627370497.5, 1.0 / 0.0, -1.0 / 0.0,
  };
  int n = sizeof vals / sizeof vals[0];
  for (int k = 0; k < n; k++) {
    double v = vals[k] * one;
    printf("%d: %f|%.0f|%.17e|%g|%.12g|%a|%.3a|%20.10f|%-12.4e|%+g|%#g\n", k, v, v, v, v, v, v, v, v, v, v, v);
    long double lv = (long double)v / 3 * one;
    printf("   %Lf|%.25Le|%Lg|%La|%.21Lg\n", lv, lv, lv, lv, lv);
  }
  // NaNs: the default NaN of an invalid operation is negative ("-nan"); a NaN propagates
  volatile double z = 0.0 * one, inf = 1.0 / z;
  double qn = z / z, in = inf - inf, sq = sqrt(-one);
  printf("nan: %f %f %f %e %g %Lf %016llx %016llx\n", qn, in, sq, -qn, fabs(qn), (long double)qn, (unsigned long long)bits(qn), (unsigned long long)bits(qn * 2 + 1));
  double payload = fromBits(0x7ff8000000001234ull) * one;
  printf("payload: %016llx %08x\n", (unsigned long long)bits(payload + 1), fbits((float)payload));
  printf("inf: %f %e %g %a %Lf\n", inf, -inf, inf * 0.5, inf, -(long double)inf);
  // strtod and friends
  const char *strs[] = {"0", "-0", "1e308", "1e309", "2.4703282292062328e-324", "2.4703282292062327e-324", "0x1.fffffffffffffp1023",
    "3.14159265358979323846264338327950288", "1.00000000000000011102230246251565404236316680908203125", "123456789012345678901234567890",
    "-inf", "nan", "1e-400", ".5e1", "4.9e-324", "0.1", "7.0e-10", "8.589973e9"};
  for (unsigned k = 0; k < sizeof strs / sizeof strs[0]; k++) {
    double d = strtod(strs[k], 0);
    float f = strtof(strs[k], 0);
    long double l = strtold(strs[k], 0);
    printf("strto %s: %016llx %08x %.21Lg %.17g\n", strs[k], (unsigned long long)bits(d), fbits(f), l, d);
  }
  // arithmetic and conversions (SSE)
  double a = 1.0 / 3.0 * one, b = 1e-320 * one;
  float fa = (float)a, fb = 3.4e38f * (float)one;
  printf("arith: %.17g %.17g %.17g %.17g %.9g %.9g %.9g %a %a\n", a * 3, a + b, a / b, a - a, fa * 3, fb * 10, fa / 7, b * 0.5, b / 3);
  printf("conv: %d %d %ld %ld %u %lu %d %d\n", (int)(a * 1e9), (int)(-2.5 * one), (long)(1e18 * one), (long)(-1e19 * one),
         (unsigned)(3e9 * one), (unsigned long)(1.5e19 * one), (int)(1e10 * one), (int)(qn));
  printf("i2f: %.17g %.17g %.9g %.9g %.17g\n", (double)(9007199254740993LL * (long)one), (double)(-9223372036854775807LL * (long)one),
         (float)(16777217 * (int)one), (float)(2147483647 * (int)one), (double)(18446744073709551615ULL * (unsigned long)one));
  printf("minmax: %g %g %g %g %g\n", fmin(a, b), fmax(a, -b), fmin(qn, 1), fmax(1, qn), fmin(-0.0, 0.0));
  printf("cmp: %d %d %d %d %d %d\n", a < b, a > b, qn == qn, qn != qn, isless(qn, 1.0), isunordered(qn, a));
  // sqrt and libm
  printf("sqrt: %.17g %.9g %.21Lg %.17g %.17g\n", sqrt(2 * one), sqrtf(2.0f * (float)one), sqrtl(2.0L * one), sqrt(1e-310 * one), sqrt(0.0 * -one));
  printf("libm: %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", exp(one), log(10 * one), sin(one), cos(one), pow(2 * one, 0.5), atan2(one, 2), tan(one));
  printf("x87m: %.21Lg %.21Lg %.21Lg %.21Lg %.21Lg %ld %.21Lg\n", fmodl(10.5L * one, 3), remainderl(10.5L * one, 3), rintl(2.5L * one),
         floorl(-2.5L * one), ceill(2.1L * one), lrintl(-3.5L * one), ldexpl(one, -16400));
  long double big = LDBL_MAX * one, tiny = LDBL_MIN * one;
  printf("ldbl: %Lg %Lg %La %La %Lg %Lg\n", big, tiny, big, tiny / 1024, big * 2, tiny * tiny);
  // rounding modes: conversions and x87 arithmetic follow them
  int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  for (int k = 0; k < 4; k++) {
    fesetround(modes[k]);
    volatile double x = 2.5 * one, y = -2.5 * one;
    printf("mode %d: %ld %ld %.0f %.0f %a %La %La %.1f\n", k, lrint(x), lrint(y), rint(x), nearbyint(y), one / 3, (long double)one / 3,
           -(long double)one / 3, 0.25 * one);
  }
  fesetround(FE_TONEAREST);
  // exception flags, as fetestexcept reads them (MXCSR and the x87 status word)
  struct { const char *what; int n; } ops[] = {{"exact", 0}, {"inexact", 1}, {"overflow", 2}, {"underflow", 3}, {"divzero", 4},
    {"invalid", 5}, {"ld inexact", 6}, {"ld overflow", 7}, {"ld invalid", 8}, {"float conv", 9}, {"int conv", 10}};
  for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = 0;
    volatile long double lr = 0;
    volatile float fr = 0;
    volatile int ir = 0;
    switch (ops[k].n) {
      case 0: r = one + 2; break;
      case 1: r = one / 3; break;
      case 2: r = 1e308 * (one + 1); break;
      case 3: r = 1e-308 * (one / 3); break;
      case 4: r = one / z; break;
      case 5: r = z / z; break;
      case 6: lr = (long double)one / 3; break;
      case 7: lr = LDBL_MAX * (long double)one * 2; break;
      case 8: lr = sqrtl(-(long double)one); break;
      case 9: fr = (float)(one / 3); break;
      case 10: ir = (int)(one * 1e10); break;
    }
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("flags %s: %s%s%s%s%s\n", ops[k].what, e & FE_INEXACT ? "inexact " : "", e & FE_OVERFLOW ? "overflow " : "",
           e & FE_UNDERFLOW ? "underflow " : "", e & FE_DIVBYZERO ? "divbyzero " : "", e & FE_INVALID ? "invalid" : "");
    (void)r; (void)lr; (void)fr; (void)ir;
  }
  return 0;
}
