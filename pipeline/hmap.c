/* hmap.c - see hmap.h. Deletion uses backward-shift so probes stay tombstone-free. */
#include "hmap.h"

#include <string.h>

#include "util.h"


uint32_t hmap_hash(const char *k, size_t n)
{
	/* eight bytes at a time, multiply-xorshift mixing (keys are short UTF-8 words) */
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n, w;
	while (n >= 8) {
		memcpy(&w, k, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
		k += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, k, n);
	h = (h ^ w) * 0x94D049BB133111EBULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

_Static_assert(sizeof(struct hmap_slot) == 16, "a slot is 16 bytes: four to a cache line");

static uint32_t key_hash(const char *k, size_t n)
{
	return hmap_hfin(hmap_hadd(HMAP_HSEED, k, n));
}

/* A new empty table of size slots (a power of two, at least 16) and its filter. */
static void alloc_table(struct hmap *m, size_t size)
{
	size_t i;
	m->slot = xmalloc(size * sizeof *m->slot);
	for (i = 0; i < size; i++)
		m->slot[i].len = HMAP_LEN_EMPTY;
	m->mask = size - 1;
	free(m->filt);
	m->filt = xcalloc(size * 4 / 64, sizeof *m->filt);
	m->fmask = size * 4 - 1;
}

static void filt_set(struct hmap *m, uint32_t h)
{
	size_t f = h & m->fmask;
	m->filt[f >> 6] |= 1ULL << (f & 63);
}

void hmap_init(struct hmap *m)
{
	memset(m, 0, sizeof *m);
	alloc_table(m, 16);
}

void hmap_release(struct hmap *m)
{
	free(m->slot);
	free(m->keys);
	free(m->filt);
	memset(m, 0, sizeof *m);
}

/* The key of slot s and its length. */
static const char *slot_key(const struct hmap *m, const struct hmap_slot *s, size_t *n)
{
	uint32_t ko, kl;
	if (s->len != HMAP_LEN_LONG) {
		*n = s->len;
		return s->key;
	}
	memcpy(&ko, s->key, 4);
	memcpy(&kl, s->key + 4, 4);
	*n = kl;
	return m->keys + ko;
}

/* The full slot hash of slot s's key (slots keep only 16 bits of it). */
static uint32_t slot_hash(const struct hmap *m, const struct hmap_slot *s)
{
	size_t n;
	const char *k = slot_key(m, s, &n);
	return key_hash(k, n);
}

static int slot_is(const struct hmap *m, const struct hmap_slot *s, uint32_t h, const char *k,
		   size_t n)
{
	size_t sn;
	const char *sk;
	if (s->tag != (uint16_t)(h >> 16))
		return 0;
	sk = slot_key(m, s, &sn);
	return sn == n && memcmp(sk, k, n) == 0;
}

static void rehash(struct hmap *m)
{
	struct hmap_slot *old = m->slot;
	size_t oldsize = m->mask + 1, i;
	alloc_table(m, oldsize * 2);
	for (i = 0; i < oldsize; i++) {
		size_t j;
		uint32_t h;
		if (old[i].len == HMAP_LEN_EMPTY)
			continue;
		h = slot_hash(m, &old[i]);
		j = h & m->mask;
		while (m->slot[j].len != HMAP_LEN_EMPTY)
			j = (j + 1) & m->mask;
		m->slot[j] = old[i];
		filt_set(m, h);
	}
	free(old);
}

void hmap_reserve(struct hmap *m, size_t n)
{
	while (n * 2 > m->mask + 1)
		rehash(m);
}

void hmap_put(struct hmap *m, const char *k, size_t n, uint32_t val)
{
	uint32_t h = key_hash(k, n);
	size_t j;
	struct hmap_slot *s;
	if ((m->n + 1) * 2 > m->mask + 1) /* at most half full: a miss probes ~2.5 slots */
		rehash(m);
	j = h & m->mask;
	while (m->slot[j].len != HMAP_LEN_EMPTY) {
		if (slot_is(m, &m->slot[j], h, k, n)) {
			m->slot[j].val = val;
			return;
		}
		j = (j + 1) & m->mask;
	}
	s = &m->slot[j];
	s->tag = (uint16_t)(h >> 16);
	s->val = val;
	if (n <= HMAP_INLINE) {
		s->len = (uint8_t)n;
		memcpy(s->key, k, n);
	} else {
		uint32_t ko = (uint32_t)m->keys_len, kl = (uint32_t)n;
		NM_GROW(m->keys, m->keys_cap, m->keys_len + n + 1);
		memcpy(m->keys + m->keys_len, k, n);
		m->keys[m->keys_len + n] = 0;
		m->keys_len += n + 1;
		s->len = HMAP_LEN_LONG;
		memcpy(s->key, &ko, 4);
		memcpy(s->key + 4, &kl, 4);
	}
	m->n++;
	filt_set(m, h); /* hmap_del leaves the bit: a stale bit only costs a probe */
}

int hmap_get(const struct hmap *m, const char *k, size_t n, uint32_t *val)
{
	return hmap_get_h(m, hmap_hadd(HMAP_HSEED, k, n), k, n, val);
}

const char *hmap_slot_key(const struct hmap *m, size_t j, size_t *n)
{
	if (m->slot[j].len == HMAP_LEN_EMPTY)
		return NULL;
	return slot_key(m, &m->slot[j], n);
}

int hmap_del(struct hmap *m, const char *k, size_t n)
{
	uint32_t h = key_hash(k, n);
	size_t j = h & m->mask, i, want;
	while (m->slot[j].len != HMAP_LEN_EMPTY) {
		if (slot_is(m, &m->slot[j], h, k, n))
			break;
		j = (j + 1) & m->mask;
	}
	if (m->slot[j].len == HMAP_LEN_EMPTY)
		return 0;
	m->slot[j].len = HMAP_LEN_EMPTY; /* a long key's bytes stay in the store, unused */
	m->n--;
	i = j;
	for (;;) {
		i = (i + 1) & m->mask;
		if (m->slot[i].len == HMAP_LEN_EMPTY)
			break;
		want = slot_hash(m, &m->slot[i]) & m->mask;
		/* move slot i back to j when j lies cyclically in [want, i) */
		if ((i > j && (want <= j || want > i)) || (i < j && (want <= j && want > i))) {
			m->slot[j] = m->slot[i];
			m->slot[i].len = HMAP_LEN_EMPTY;
			j = i;
		}
	}
	return 1;
}
