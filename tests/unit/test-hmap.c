/* test-hmap.c - the hash map: put/get/del, growth, and incremental lookups (hmap_get_h with a
 * hash state folded in pieces equals hmap_get). */
#include <stdio.h>
#include <string.h>

#include "hmap.h"
#include "tap.h"

int main(void)
{
	struct hmap m;
	char key[32];
	uint32_t v = 0;
	int all = 1;
	const char *w = "好吃不贵";
	size_t wl = strlen(w);
	uint64_t st = HMAP_HSEED;

	hmap_init(&m);
	for (uint32_t i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "k%u", i);
		hmap_put(&m, key, (size_t)n, i * 3);
	}
	for (uint32_t i = 0; i < 5000 && all; i++) {
		int n = snprintf(key, sizeof key, "k%u", i);
		all = hmap_get(&m, key, (size_t)n, &v) && v == i * 3;
	}
	ok(all, "5000 keys survive growth");
	ok(!hmap_get(&m, "k5000", 5, &v), "absent key");
	ok(hmap_del(&m, "k17", 3) && !hmap_get(&m, "k17", 3, &v), "deleted key is gone");
	ok(hmap_get(&m, "k18", 3, &v) && v == 54, "neighbour survives deletion");

	hmap_put(&m, w, wl, 7);
	hmap_put(&m, w, 6, 8); /* 好吃 */
	ok(hmap_hadd(hmap_hadd(HMAP_HSEED, w, 3), w + 3, wl - 3) == hmap_hadd(HMAP_HSEED, w, wl),
	   "hash state does not depend on how the key is split");
	all = 1;
	for (size_t l = 3; l <= wl; l += 3) {
		uint32_t a = 0, b = 0;
		int ga, gb;
		st = hmap_hadd(st, w + l - 3, 3);
		ga = hmap_get_h(&m, st, w, l, &a);
		gb = hmap_get(&m, w, l, &b);
		if (ga != gb || a != b)
			all = 0;
	}
	ok(all, "hmap_get_h agrees with hmap_get at every prefix length");
	ok(hmap_get_h(&m, hmap_hadd(HMAP_HSEED, w, 6), w, 6, &v) && v == 8, "prefix found by state");
	hmap_release(&m);

	/* keys kept in the slot (up to HMAP_INLINE bytes) and in the key store (longer), side
	 * by side; hmap_slot_key visits each live key once */
	hmap_init(&m);
	{
		static const char *const k[] = { "", "a", "好吃", "好吃不", "123456789",
						 "1234567890", "好吃不贵的店", "a longer english key" };
		size_t nk = sizeof k / sizeof *k, seen = 0, bad = 0;
		for (size_t i = 0; i < nk; i++)
			hmap_put(&m, k[i], strlen(k[i]), (uint32_t)i + 100);
		ok(hmap_del(&m, "1234567890", 10) && !hmap_get(&m, "1234567890", 10, &v),
		   "a long key is deleted");
		ok(hmap_get(&m, "123456789", 9, &v) && v == 104, "a 9-byte key stays");
		ok(!hmap_get(&m, "12345678", 8, &v) && !hmap_get(&m, "好吃不贵的", 15, &v),
		   "prefixes of present keys are absent");
		for (size_t j = 0; j <= m.mask; j++) {
			size_t kl;
			const char *sk = hmap_slot_key(&m, j, &kl);
			uint32_t got;
			if (!sk)
				continue;
			seen++;
			if (!hmap_get(&m, sk, kl, &got) || got != m.slot[j].val ||
			    (kl == 10 && !memcmp(sk, "1234567890", 10)))
				bad++;
		}
		ok(seen == nk - 1 && !bad, "hmap_slot_key visits every live key once (%zu)", seen);
	}
	hmap_release(&m);
	return tap_done();
}
