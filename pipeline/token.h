/*
 * token.h - the tokenizer: UTF-8 note text to a list of tokens (byte spans + types).
 *
 * Two passes over the text, both allocation-free per token:
 *  1. special tokens, kept whole: Xiaohongshu topic tags (#名称[话题]#, [品牌]/[商品]/[地点]
 *     forms), plain #tags, emoticon codes ([笑哭R], [doge]), emoji grapheme clusters (ZWJ,
 *     skin tones, keycaps, flags), @mentions, URLs, e-mail addresses, prices ($15, ¥299) and
 *     numbers with decimals, units or dates (3.5, 30ml, 5km, 2024.11.07). A hand-written
 *     scanner finds candidate positions; PCRE2 (JIT, anchored) confirms them.
 *  2. everything between special tokens goes to the segmenter (segment.h): Han words by
 *     dictionary, Latin words, numbers and punctuation.
 * White space is dropped: concatenating the tokens gives the text without its white space.
 */
#ifndef NM_TOKEN_H
#define NM_TOKEN_H

#include <stddef.h>
#include <stdint.h>

enum tok_type {
	TOK_WORD = 0,  /* other words (non-Han, non-Latin scripts, mixed) */
	TOK_HAN,       /* contains Han characters */
	TOK_LATIN,     /* Latin letters, maybe with digits (iphone15, yyds) */
	TOK_NUMBER,    /* numbers, with units, dates, prices */
	TOK_HASHTAG,   /* #名称[话题]# or #tag */
	TOK_EMOTICON,  /* [笑哭R] */
	TOK_EMOJI,     /* one emoji grapheme cluster */
	TOK_MENTION,   /* @name */
	TOK_URL,       /* URL or e-mail */
	TOK_PUNCT,     /* punctuation and symbols */
	TOK_NTYPES
};

/* The names used in token_types output: "word", "han", ... */
extern const char *const tok_type_name[TOK_NTYPES];

struct token {
	uint32_t off;  /* byte offset in the text */
	uint32_t len;  /* byte length */
	uint8_t type;  /* enum tok_type */
};

struct tokens {
	struct token *v;
	size_t n, cap;
};

void tokens_release(struct tokens *t);
/* Append a token (grows the array; amortised, no per-token allocation once warm). */
void tokens_push(struct tokens *t, uint32_t off, uint32_t len, int type);

struct segdict;

struct tokenizer_opts {
	const struct segdict *dict; /* may be NULL: ICU word breaks for Han runs */
};

struct tokenizer;

/* Compile the special-token patterns. Returns NULL after error() on failure.
 * The tokenizer is read-only afterwards and may be shared between threads. */
struct tokenizer *tokenizer_new(const struct tokenizer_opts *opts);
void tokenizer_free(struct tokenizer *tk);

/* Per-thread scratch state (match data, segmenter buffers). */
struct tok_scratch;
struct tok_scratch *tok_scratch_new(const struct tokenizer *tk);
void tok_scratch_free(struct tok_scratch *s);

/* Tokenize text[0..len) (valid UTF-8, as repaired by the reader) into out (reset first).
 * Offsets fit in 32 bits: texts over 4 GiB are rejected by the reader. */
void tokenize(const struct tokenizer *tk, struct tok_scratch *s, const char *text, size_t len,
	      struct tokens *out);

/* Type of a token given as a string (used when tokens come from an earlier stage). */
int token_type_of(const struct tokenizer *tk, struct tok_scratch *s, const char *tok, size_t len);

#endif
