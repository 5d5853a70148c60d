/*
 * hmap.h - a string-keyed open-addressing hash map (linear probing, power-of-two table).
 *
 * Keys are byte strings (not necessarily NUL-terminated); the map copies them into its own
 * storage. Values are uint32_t (typically an index into the caller's array). Lookup never
 * allocates, so a built map can be shared read-only between threads.
 *
 * The map hashes keys byte by byte (FNV-1a, 64-bit state, then a murmur3 finaliser), so a
 * longest-match scan that extends a key a piece at a time can carry the hash state from one
 * length to the next (hmap_hadd + hmap_get_h) instead of hashing the whole key again. A bit
 * filter 1/32 the size of the slot table answers most lookups of absent keys without touching
 * the table (large tables are cache misses).
 */
#ifndef NM_HMAP_H
#define NM_HMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A slot of 16 bytes. A key of at most HMAP_INLINE bytes (Chinese words of up to three
 * characters, most English words) is kept in the slot itself, so a lookup that finds it reads
 * one cache line instead of two (the slot, then the key in the key store); a longer key is in
 * the key store, its offset and length in the slot. */
#define HMAP_INLINE 9
#define HMAP_LEN_LONG 0xFE  /* len: the key is in the key store */
#define HMAP_LEN_EMPTY 0xFF /* len: an empty slot */
struct hmap_slot {
	uint32_t val;
	uint16_t tag; /* the high 16 bits of the key's slot hash */
	uint8_t len;  /* key length (<= HMAP_INLINE), HMAP_LEN_LONG or HMAP_LEN_EMPTY */
	char key[HMAP_INLINE]; /* the key; for a long key its offset and length (uint32_t each) */
};

struct hmap {
	struct hmap_slot *slot;
	size_t mask; /* table size - 1 */
	/* a filter of 4 bits per slot: bit (hash & fmask) is set for every key present, so most
	 * lookups of absent keys (the end of every longest-match walk) are answered from this
	 * small array instead of a cache miss in the slot table */
	uint64_t *filt;
	size_t fmask;
	size_t n;
	char *keys;
	size_t keys_len, keys_cap;
};

void hmap_init(struct hmap *m);
void hmap_release(struct hmap *m);

/* A general-purpose 32-bit hash of k[0..n) (fingerprints, hash sets). Not the map's own slot
 * hash. */
uint32_t hmap_hash(const char *k, size_t n);

/* Incremental hash state of the empty key. */
#define HMAP_HSEED 0xcbf29ce484222325ULL

/* Fold k[0..n) into the hash state st and return the new state. The state depends only on the
 * bytes folded in, in order, not on how they were split into calls. */
static inline uint64_t hmap_hadd(uint64_t st, const char *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		st = (st ^ (unsigned char)k[i]) * 0x100000001B3ULL;
	return st;
}

/* Grow the table now to hold n keys without growing again (one rehash per doubling of an
 * empty table costs little; rehashing a full one recomputes every key's hash). m must have
 * been set up by hmap_init. */
void hmap_reserve(struct hmap *m, size_t n);
/* Insert or overwrite k -> val. */
void hmap_put(struct hmap *m, const char *k, size_t n, uint32_t val);
/* Look k up: return 1 and set *val when present, else 0. */
int hmap_get(const struct hmap *m, const char *k, size_t n, uint32_t *val);
/* The slot hash of a key whose incremental state (see hmap_hadd) is st. */
static inline uint32_t hmap_hfin(uint64_t st)
{
	st ^= st >> 33;
	st *= 0xFF51AFD7ED558CCDULL;
	st ^= st >> 33;
	st *= 0xC4CEB9FE1A85EC53ULL;
	st ^= st >> 33;
	return (uint32_t)st;
}

/* hmap_get with the key's hash state given: st must be hmap_hadd(HMAP_HSEED, k, n) (computed
 * in any number of pieces). Same result as hmap_get(m, k, n, val). Inline: the longest-match
 * walks of every analyser call it once per character. */
static inline int hmap_get_h(const struct hmap *m, uint64_t st, const char *k, size_t n,
			     uint32_t *val)
{
	uint32_t h = hmap_hfin(st);
	size_t j = h & m->mask, f = h & m->fmask;
	uint16_t tag = (uint16_t)(h >> 16);
	if (!((m->filt[f >> 6] >> (f & 63)) & 1))
		return 0;
	for (;; j = (j + 1) & m->mask) {
		const struct hmap_slot *s = &m->slot[j];
		const char *sk;
		size_t i;
		if (s->len == HMAP_LEN_EMPTY)
			return 0;
		if (s->tag != tag)
			continue;
		if (s->len == HMAP_LEN_LONG) {
			uint32_t ko, kl;
			memcpy(&ko, s->key, 4);
			memcpy(&kl, s->key + 4, 4);
			if (kl != n)
				continue;
			sk = m->keys + ko;
		} else {
			if (s->len != n)
				continue;
			sk = s->key;
		}
		for (i = 0; i < n && sk[i] == k[i]; i++)
			;
		if (i == n) {
			if (val)
				*val = s->val;
			return 1;
		}
	}
}
/* The key of slot j (j <= m->mask) and its length in *n, or NULL when the slot is empty: for
 * visiting every entry (the value is m->slot[j].val). */
const char *hmap_slot_key(const struct hmap *m, size_t j, size_t *n);
/* Remove k if present; return 1 when it was. */
int hmap_del(struct hmap *m, const char *k, size_t n);

#endif
