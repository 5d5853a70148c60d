/*
 * cue.h - cue sets: normalised terms matched as runs of consecutive tokens.
 *
 * The category, resonance and SIPS analysers each look their lexicon terms up among a note's
 * tokens. A term may arrive as one token (the dictionary segmenter knows every lexicon term)
 * or split into several (an unknown phrase, "road trip" as two Latin tokens), so a match is
 * the longest run of up to CUE_MAXRUN consecutive tokens whose normalised forms, concatenated,
 * equal a term. Terms are stored with their white space removed, like the concatenation.
 *
 * Algorithm: the note's tokens are normalised once into a thread-local buffer, so the
 * concatenation of tokens i..j is one contiguous slice. One hash map holds every term and
 * every proper prefix of a term (at character boundaries), the value saying which it is;
 * extending a run stops as soon as the slice is neither, so a token costs at most one lookup
 * per extension, and none when no term starts with its first character (a 4096-bit filter).
 * Runs never cross the title/body boundary. The normalised tokens of the last note are kept
 * per thread: the analysers of one note share them (the note is recognised by its serial
 * number, see cue_seen_same()). Nothing is allocated per token once the buffers are warm.
 */
#ifndef NM_CUE_H
#define NM_CUE_H

#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "note.h"

#define CUE_MAXRUN 8 /* tokens in one match at most */

struct strbuf;

struct cue_set {
	/* spaceless normalised term or proper prefix -> CUE_PREFIX bit | (caller's value + 1),
	 * the low bits 0 for a prefix that is no term */
	struct hmap map;
	/* a bit per hash of a term's first character: most tokens start no term and are
	 * rejected with one bit test instead of a hash lookup */
	uint64_t first[64];
};

#define CUE_PREFIX 0x80000000u

/* A note's tokens in normalised form (thread-local; valid until the next cue_prepare). */
struct cue_note {
	const struct note *n;
	const char *buf;      /* normalised tokens, concatenated */
	const uint32_t *off;  /* off[i]..off[i+1]: token i in buf (ntok + 1 entries) */
	const uint16_t *fbit; /* fbit[i]: the first-character filter bit of token i (cue.c) */
};

void cue_set_init(struct cue_set *s);
void cue_set_release(struct cue_set *s);

/* Normalise term (norm_key, white space removed) into key (reset first); returns key->len.
 * 0 means the term is empty after normalisation. */
size_t cue_key(struct strbuf *key, const char *term);

/* Add term -> val (the term is normalised here; val < 0x7fffffff). A later put of the same
 * key overwrites the value. Returns 0, or -1 when the term is empty after normalisation
 * (nothing added). */
int cue_set_put(struct cue_set *s, const char *term, uint32_t val);

/* The value of term in s; a term not in s yet is added with the value *next, and *next is
 * incremented (for models that number their cues in order). Returns the value, or -1 when the
 * term is empty after normalisation. */
long cue_set_intern(struct cue_set *s, const char *term, size_t *next);

/* Look up a spaceless normalised key. Returns 1 and sets *val when present. */
int cue_set_get(const struct cue_set *s, const char *key, size_t n, uint32_t *val);

/* Normalise n's tokens into the calling thread's buffer and describe them in cn (when the
 * same note was prepared last on this thread, the buffer is reused as it is). Every
 * cue_match call on the same thread until the next cue_prepare of another note reads that
 * buffer. */
void cue_prepare(const struct note *n, struct cue_note *cn);

/* cue_match for a token that passed its first-character filter (cue.c). */
size_t cue_match_walk(const struct cue_set *s, const struct cue_note *cn, size_t i,
		      unsigned skip, uint32_t *val);

/* The longest cue starting at token i: returns the number of tokens it spans (0: none) and
 * sets *val. Tokens of types whose bit is set in skip (1u << TOK_HASHTAG, ...) never take
 * part in a match, and no match starts at a punctuation token. */
static inline size_t cue_match(const struct cue_set *s, const struct cue_note *cn, size_t i,
			       unsigned skip, uint32_t *val)
{
	/* inline: most tokens start no term and are turned away here, without a call */
	if (cn->n->tok[i].type == TOK_PUNCT || cn->off[i + 1] == cn->off[i] ||
	    !((s->first[cn->fbit[i] >> 6] >> (cn->fbit[i] & 63)) & 1))
		return 0;
	return cue_match_walk(s, cn, i, skip, val);
}

/* The longest term that starts key[0..n) (a spaceless normalised string, matched character by
 * character, not by tokens): returns its length in bytes (0: none) and sets *val. For short
 * texts the tokenizer keeps whole, such as the name inside a topic tag. */
size_t cue_match_str(const struct cue_set *s, const char *key, size_t n, uint32_t *val);

/* Which note a per-thread cache last saw (zero-initialised: none). */
struct cue_seen {
	unsigned long long serial;
	const char *text;
	size_t len, ntok;
	uint32_t hash;
};

/* Is n the note last recorded in *last? Records n when it is not. Notes are recognised by
 * n->serial when the pipeline sets it, else by text pointer, length, token count and a hash
 * of the text's first and last 128 bytes (notes built by hand, as in tests). */
int cue_seen_same(struct cue_seen *last, const struct note *n);

/* The name inside a topic tag token: "#名称[话题]#" -> "名称", "#tag" -> "tag". Sets *name and
 * returns its length in bytes (0 when tok is not a tag). */
size_t cue_tag_name(const char *tok, size_t len, const char **name);

#endif
