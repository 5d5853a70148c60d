/* test-fmt.c - nm_fmt_g writes exactly what snprintf's "%.*g" writes: edge cases (zero, -0,
 * ties, carries to the next power of ten, the switch to exponent form, values the fast path
 * hands to snprintf) and many random values over the whole range, at every precision. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "util.h"

static int same(double x, int prec)
{
	char want[64], got[NM_FMT_G_MAX];
	size_t n;
	snprintf(want, sizeof want, "%.*g", prec, x);
	n = nm_fmt_g(got, x, prec);
	if (strcmp(want, got) || n != strlen(want)) {
		printf("# %.17g %%.%dg: want '%s', got '%s' (%zu)\n", x, prec, want, got, n);
		return 0;
	}
	return 1;
}

/* xorshift64*: reproducible pseudo-random bits */
static uint64_t rnd_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545F4914F6CDD1DULL;
}

int main(void)
{
	static const double edge[] = {
		0.0, 1, -1, 0.5, 0.25, 0.125, 0.375, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 0.45, 0.6,
		0.7, 0.85, 0.3, 1.3, 0.75, 1.2, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000099999,
		0.00009999995, 0.0001000001, 9.9999995, 9.9999996, 9.99999949, 99999.95, 999999.5,
		999999.4, 1000000, 999999, 123456, 1234567, 1e15, 9.99e14, 1e-13, 1e-14, 1e-300,
		DBL_MIN, DBL_MAX, DBL_EPSILON, 1 / 3.0, 2 / 3.0, 0.1 + 0.2, 1e21, 1e22, 1e23,
		-0.6, -1.5, -0.000123456, 12345678, 123456789, 0.95, 0.945, 0.955, 0.995, 0.9995,
		0.099999999999999992, 0.10000000000000001, 100, 1e5, 1e6, 1e9, 4.35, 4.45, 1.005,
		2.675, 1.0000005, 5e-5, 0.00015, 0.000149999,
	};
	int all = 1, nfast = 0;
	char buf[NM_FMT_G_MAX];

	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
		for (int p = 0; p <= 12; p++) {
			all &= same(edge[i], p);
			all &= same(-edge[i], p);
		}
	ok(all, "edge cases at precisions 0..12 match snprintf");
	ok(same(-0.0, 6) && same(-0.0, 2), "-0 keeps its sign");
	ok(same(NAN, 6) && same(INFINITY, 6) && same(-INFINITY, 2), "NaN and infinities");
	ok(nm_fmt_g(buf, 0.6, 6) == 3 && !strcmp(buf, "0.6"), "0.6 is 0.6");
	ok(nm_fmt_g(buf, 1234567, 6) == 11 && !strcmp(buf, "1.23457e+06"), "exponent form");
	ok(nm_fmt_g(buf, 0.00001234, 2) == 7 && !strcmp(buf, "1.2e-05"), "small: exponent form");

	/* random bit patterns (every magnitude, NaNs included) */
	all = 1;
	for (int i = 0; i < 200000 && all; i++) {
		uint64_t b = rnd();
		double x;
		memcpy(&x, &b, sizeof x);
		all = same(x, 1 + (int)(rnd() % 9));
	}
	ok(all, "200000 random doubles match snprintf");

	/* values of the size evidence factors have, at every precision */
	all = 1;
	for (int i = 0; i < 300000 && all; i++) {
		double x = (double)(rnd() >> 11) / (double)(1ULL << 53) * 20 - 10;
		int p = 1 + i % 9;
		if (i % 3 == 0)
			x = round(x * 1000) / 1000; /* short decimals: near ties */
		else if (i % 3 == 1)
			x = ldexp(x, (int)(rnd() % 80) - 40);
		all = same(x, p);
		nfast += fabs(x) >= 1e-13 && fabs(x) < 1e15;
	}
	ok(all && nfast > 250000, "300000 factor-sized values match snprintf");

	/* products of the analysers' factors, as evidence texts print them */
	all = 1;
	{
		static const double f[] = {0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 1.2, 1.3, 1.5, 2, -1, -0.8};
		for (size_t i = 0; i < 12; i++)
			for (size_t j = 0; j < 12; j++)
				for (size_t k = 0; k < 12; k++) {
					double x = f[i] * f[j] * f[k];
					all &= same(x, 6) && same(x, 2) && same(1 / (1 + x * x), 2);
				}
	}
	ok(all, "products of factors match snprintf");
	return tap_done();
}
