/* cue.c - see cue.h. */
#include "cue.h"

#include <string.h>

#include "normalize.h"
#include "utf8.h"
#include "util.h"

void cue_set_init(struct cue_set *s)
{
	hmap_init(&s->map);
	memset(s->first, 0, sizeof s->first);
}

/* The filter bit of the character that starts k[0..n) (n > 0). */
static unsigned first_bit(const char *k, size_t n)
{
	unsigned char c = (unsigned char)k[0];
	size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	uint32_t h = 2166136261u;
	if (l > n)
		l = n;
	for (size_t i = 0; i < l; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return (h ^ (h >> 12) ^ (h >> 24)) & 4095;
}

static int first_ok(const struct cue_set *s, const char *k, size_t n)
{
	unsigned b = first_bit(k, n);
	return (s->first[b >> 6] >> (b & 63)) & 1;
}

void cue_set_release(struct cue_set *s)
{
	hmap_release(&s->map);
}

size_t cue_key(struct strbuf *key, const char *term)
{
	size_t j = 0;
	norm_key(key, term, strlen(term));
	for (size_t i = 0; i < key->len; i++)
		if (key->buf[i] != ' ' && key->buf[i] != '\t')
			key->buf[j++] = key->buf[i];
	key->len = j;
	key->buf[j] = '\0';
	return j;
}

/* Put the normalised key[0..n) -> val, and mark its proper prefixes. */
static void put_key(struct cue_set *s, const char *key, size_t n, uint32_t val)
{
	uint32_t old = 0;
	unsigned b = first_bit(key, n);
	s->first[b >> 6] |= 1ull << (b & 63);
	hmap_get(&s->map, key, n, &old);
	hmap_put(&s->map, key, n, (old & CUE_PREFIX) | (val + 1));
	/* proper prefixes at UTF-8 character boundaries */
	for (size_t i = 1; i < n; i++) {
		if (((unsigned char)key[i] & 0xC0) == 0x80)
			continue;
		old = 0;
		hmap_get(&s->map, key, i, &old);
		hmap_put(&s->map, key, i, old | CUE_PREFIX);
	}
}

int cue_set_put(struct cue_set *s, const char *term, uint32_t val)
{
	struct strbuf key = STRBUF_INIT;
	size_t n = cue_key(&key, term);
	if (n)
		put_key(s, key.buf, n, val);
	sb_release(&key);
	return n ? 0 : -1;
}

long cue_set_intern(struct cue_set *s, const char *term, size_t *next)
{
	struct strbuf key = STRBUF_INIT;
	size_t n = cue_key(&key, term);
	uint32_t v;
	long r = -1;
	if (n && cue_set_get(s, key.buf, n, &v)) {
		r = (long)v;
	} else if (n) {
		r = (long)*next;
		put_key(s, key.buf, n, (uint32_t)(*next)++);
	}
	sb_release(&key);
	return r;
}

int cue_set_get(const struct cue_set *s, const char *key, size_t n, uint32_t *val)
{
	uint32_t v;
	if (!hmap_get(&s->map, key, n, &v) || !(v & ~CUE_PREFIX))
		return 0;
	*val = (v & ~CUE_PREFIX) - 1;
	return 1;
}

int cue_seen_same(struct cue_seen *last, const struct note *n)
{
	uint32_t h = 0;
	if (n->serial) {
		if (last->serial == n->serial && last->text == n->text)
			return 1;
	} else {
		size_t k = n->len < 128 ? n->len : 128;
		h = hmap_hash(n->text, k) ^ (uint32_t)n->len;
		if (n->len > 128)
			h ^= hmap_hash(n->text + n->len - k, k) * 0x9E3779B1u;
		if (!last->serial && last->text == n->text && last->len == n->len &&
		    last->ntok == n->ntok && last->hash == h)
			return 1;
	}
	last->serial = n->serial;
	last->text = n->text;
	last->len = n->len;
	last->ntok = n->ntok;
	last->hash = h;
	return 0;
}

void cue_prepare(const struct note *n, struct cue_note *cn)
{
	static _Thread_local struct strbuf buf;
	static _Thread_local uint32_t *off;
	static _Thread_local uint16_t *fbit;
	static _Thread_local size_t cap, capf;
	static _Thread_local struct cue_seen last;

	cn->n = n;
	if (cue_seen_same(&last, n)) {
		cn->buf = buf.buf ? buf.buf : "";
		cn->off = off;
		cn->fbit = fbit;
		return;
	}
	if (!off) {
		nm_thread_own(&off, nm_release_ptr);
		nm_thread_own(&fbit, nm_release_ptr);
		nm_thread_own(&buf, nm_release_sb);
	}
	NM_GROW(off, cap, n->ntok + 1);
	NM_GROW(fbit, capf, n->ntok + 1);
	sb_reset(&buf);
	{
		/* a token's folded form is its slice of the note's folded text (folded once for
		 * every analyser) when it starts and ends at character starts, as it always does */
		const struct norm_text *ft = norm_text_fold(n->text, n->len, n->serial);
		for (size_t i = 0; i < n->ntok; i++) {
			size_t a = n->tok[i].off, b = a + n->tok[i].len;
			off[i] = (uint32_t)buf.len;
			if (b <= n->len && ft->start[a] && ft->start[b])
				sb_add(&buf, ft->buf + ft->o2n[a], ft->o2n[b] - ft->o2n[a]);
			else
				norm_append(&buf, n->text + a, n->tok[i].len);
		}
	}
	off[n->ntok] = (uint32_t)buf.len;
	cn->buf = buf.buf ? buf.buf : "";
	for (size_t i = 0; i < n->ntok; i++)
		fbit[i] = off[i + 1] > off[i] ? (uint16_t)first_bit(cn->buf + off[i], off[i + 1] - off[i])
					       : 0;
	cn->off = off;
	cn->fbit = fbit;
}

/* cue_match past its inline filter (cue.h). */
size_t cue_match_walk(const struct cue_set *s, const struct cue_note *cn, size_t i,
		      unsigned skip, uint32_t *val)
{
	const struct note *n = cn->n;
	size_t best = 0, tl = n->title_len;
	int in_title = tl && n->tok[i].off < tl;
	uint32_t v;
	uint64_t st = HMAP_HSEED; /* hash state of the key so far: extended a token a step */
	for (size_t j = i; j < n->ntok && j - i < CUE_MAXRUN; j++) {
		const char *k = cn->buf + cn->off[i];
		size_t kl = cn->off[j + 1] - cn->off[i];
		if (skip & (1u << n->tok[j].type))
			break;
		if (j > i && (tl && n->tok[j].off < tl) != in_title)
			break;
		st = hmap_hadd(st, cn->buf + cn->off[j], cn->off[j + 1] - cn->off[j]);
		if (!kl)
			continue;
		if (!hmap_get_h(&s->map, st, k, kl, &v))
			break;
		if (v & ~CUE_PREFIX) {
			best = j - i + 1;
			*val = (v & ~CUE_PREFIX) - 1;
		}
		if (!(v & CUE_PREFIX))
			break;
	}
	return best;
}

size_t cue_match_str(const struct cue_set *s, const char *key, size_t n, uint32_t *val)
{
	size_t best = 0;
	uint32_t v;
	uint64_t st = HMAP_HSEED; /* hash state of key[0..done) */
	size_t done = 0;
	if (!n || !first_ok(s, key, n))
		return 0;
	for (size_t i = 1; i <= n; i++) {
		if (i < n && ((unsigned char)key[i] & 0xC0) == 0x80)
			continue; /* not a character boundary */
		st = hmap_hadd(st, key + done, i - done);
		done = i;
		if (!hmap_get_h(&s->map, st, key, i, &v))
			break;
		if (v & ~CUE_PREFIX) {
			best = i;
			*val = (v & ~CUE_PREFIX) - 1;
		}
		if (!(v & CUE_PREFIX))
			break;
	}
	return best;
}

size_t cue_tag_name(const char *tok, size_t len, const char **name)
{
	size_t a = 0, b = len;
	if (!len || tok[0] != '#')
		return 0;
	a = 1;
	if (b > a && tok[b - 1] == '#')
		b--;
	if (b > a && tok[b - 1] == ']') {
		size_t k = b;
		while (k > a && tok[k - 1] != '[')
			k--;
		if (k > a)
			b = k - 1;
	}
	*name = tok + a;
	return b > a ? b - a : 0;
}
