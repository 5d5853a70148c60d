/*
 * hmap.h - a string-keyed open-addressing hash map (linear probing, power-of-two table).
 *
 * Keys are byte strings (not necessarily NUL-terminated); the map copies them into its own
 * storage. Values are uint32_t (typically an index into the caller's array). Lookup never
 * allocates, so a built map can be shared read-only between threads.
 */
#ifndef NM_HMAP_H
#define NM_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_slot {
	uint32_t hash;
	uint32_t klen;
	uint32_t koff; /* offset of the key in keys; UINT32_MAX marks an empty slot */
	uint32_t val;
};

struct hmap {
	struct hmap_slot *slot;
	size_t mask; /* table size - 1 */
	size_t n;
	char *keys;
	size_t keys_len, keys_cap;
};

void hmap_init(struct hmap *m);
void hmap_release(struct hmap *m);

uint32_t hmap_hash(const char *k, size_t n);

/* Insert or overwrite k -> val. */
void hmap_put(struct hmap *m, const char *k, size_t n, uint32_t val);
/* Look k up: return 1 and set *val when present, else 0. */
int hmap_get(const struct hmap *m, const char *k, size_t n, uint32_t *val);
/* Remove k if present; return 1 when it was. */
int hmap_del(struct hmap *m, const char *k, size_t n);

#endif
