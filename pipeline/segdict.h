/*
 * segdict.h - the segmenter's compiled dictionary: words with costs in a double-array trie,
 * a per-code-point table (lookup fold + character class) and a character model for unknown
 * words, in one flat blob that is used in place from an mmap'ed cache file.
 *
 * Sources, in order (a later source overrides an earlier entry for the same key):
 *  1. the base dictionary in jieba's text format, one "word [freq] [tag]" per line: the
 *     path given, else /usr/lib/python3/dist-packages/jieba/dict.txt (Debian python3-jieba);
 *  2. the plain (non-pattern) terms of the loaded lexicons: every term of the `segment` and
 *     `categories` kinds (slang, products, brands, category words), and the word-like terms
 *     of the analysers' kinds; their phrases (很舒服, 告诉我, 自己做, 五分钟: see is_phrase()
 *     in segdict.c) are left to the analysers, which match terms over several tokens. A term
 *     without a frequency costs less than its best split into base words (1 nat per
 *     character after the first), so it stays whole and a longer term beats shorter ones;
 *  3. user dictionaries (jieba userdict format, freq and tag optional; freq 0 deletes).
 * Keys are folded by normalize.h (NFKC width, case, traditional -> simplified when t2s), so
 * ｉＰｈｏｎｅ and iphone, 媽媽 and 妈妈 are one entry.
 *
 * Granularity (segmentation-standard conventions, applied to base-dictionary words only):
 * numeral + measure-word entries (一年, 两个, 第一次; not 一个, 百年) are left out so they split; words
 * ending in the plural suffix 们 with 3+ characters are left out; 3-character person names
 * (tag nr, frequency >= 100) that start with a common single-character surname are split into
 * surname and given name (not transliterations such as 夏威夷); words of 4+ characters at jieba's phrase floor frequency (3) that are exactly a
 * concatenation of 2+-character dictionary words are left out (改革开放, 结构调整).
 *
 * Algorithm: keys become sequences of dense character ids (ids ordered by frequency so hot
 * characters share cache lines); the sorted keys are laid into a double array of 8-byte
 * cells (base; parent and word cost quantised to 0.05 nats), placed first-fit over a list
 * of free cells where a cell that failed often leaves the list, so building stays
 * near-linear (~0.3 s for jieba's 349k lines). The cost of a word is -ln(freq / total).
 * The character model holds, per character id, the frequency-weighted log-probabilities of
 * the character being the begin / middle / end of a word or a single-character word, over
 * the dictionary's words, and the tag transition log-probabilities derived from word
 * lengths.
 *
 * Compiled form: header (magic "NMSEGDIC", version, size, fingerprint of the sources and
 * options) followed by arrays at offsets; cached as
 * $XDG_CACHE_HOME/notemine/segdict-<fingerprint>.bin (else ~/.cache/notemine), written to a
 * temporary file and renamed; when the cache is not writable the blob stays in memory. The
 * fingerprint covers each source's path, size and mtime, the lexicon set's fingerprint, t2s
 * and the version of the format and rules, so any change of a source selects, and builds, a
 * new file; the cache keeps the 6 most recently used.
 * Without a base dictionary only lexicon and user words are compiled and ICU's word breaks
 * carry the rest (see segdict_open()).
 */
#ifndef NM_SEGDICT_H
#define NM_SEGDICT_H

#include <stddef.h>
#include <stdint.h>

struct lexset;

/* Character classes stored in the low bits of the code-point table. */
enum segdict_class {
	SEGC_OTHER = 0, /* letters of other scripts, marks */
	SEGC_HAN,       /* Han ideographs (and U+3007) */
	SEGC_ALPHA,     /* Latin letters (any width) */
	SEGC_DIGIT,     /* decimal digits (any width) */
	SEGC_SPACE,     /* white space and invisible format characters */
	SEGC_PUNCT,     /* punctuation and symbols */
	SEGC_MARK,      /* combining marks: stay with the character before */
	SEGC_NCLASSES
};

struct segdict_opts {
	const char *dict_path;          /* NULL: the default; "none": no base dictionary */
	const char *const *user_dicts;  /* jieba userdict files, later ones win */
	size_t n_user_dicts;
	const struct lexset *ls;        /* may be NULL: no lexicon terms */
	int t2s;                        /* fold traditional to simplified for lookup */
	const char *cache_dir;          /* NULL: $XDG_CACHE_HOME/notemine or ~/.cache/notemine;
					 * "" disables the cache */
	int verbose;                    /* report cache hits / builds on stderr */
};

struct segdict;

/* Open (from cache) or compile the dictionary. norm_init() must have been called with the
 * same t2s. Returns 0 and sets *out. Without a base dictionary (option "none", or the
 * default one is missing: then a one-line warning is printed) the dictionary holds only the
 * lexicon and user words and segment() takes ICU's words for the rest of the Han text
 * (a word from the lexicons beats the ICU words it covers); *out is NULL when there are no
 * such words either, and segment(NULL, ...) is plain ICU. Returns -1 after error() when a
 * named dictionary or user dictionary cannot be read or has a bad line (FILE:LINE). */
int segdict_open(struct segdict **out, const struct segdict_opts *opts);

/* Release d (unmap or free the blob). d may be NULL. */
void segdict_free(struct segdict *d);

/* ---- lookup interface used by segment.c (all read-only, thread-safe) ---- */

/* A double-array cell, 8 bytes so more of the array stays in cache: the children of a
 * node are at base + char id; the second word holds the parent's index (low
 * SEGDICT_PARENT_BITS bits) and the word cost quantised in steps of SEGDICT_COST_STEP
 * (high bits, 0: the path to this cell is no word). */
struct segdict_node {
	int32_t base; /* <= 0: no children */
	uint32_t pc;  /* parent | (cost quantum + 1) << SEGDICT_PARENT_BITS */
};

#define SEGDICT_PARENT_BITS 22
#define SEGDICT_PARENT_MASK ((1u << SEGDICT_PARENT_BITS) - 1)
#define SEGDICT_NO_PARENT SEGDICT_PARENT_MASK /* a free cell */
#define SEGDICT_MAX_NODES (SEGDICT_PARENT_MASK - 1)
#define SEGDICT_COST_STEP 0.05f /* costs up to 51 nats */

/* The parent index of cell n. */
static inline uint32_t segdict_parent(const struct segdict_node *n)
{
	return n->pc & SEGDICT_PARENT_MASK;
}

/* The word cost at cell n (-ln P), or -1 when the path to n is no word. */
static inline float segdict_word_cost(const struct segdict_node *n)
{
	uint32_t q = n->pc >> SEGDICT_PARENT_BITS;
	return q ? (float)(q - 1) * SEGDICT_COST_STEP : -1.0f;
}

/* The cell of code point cp < SEGDICT_CPMAX: folded character id (0: in no dictionary
 * word), flags and class. */
static inline uint32_t segdict_cpinfo(const uint32_t *pages, const uint32_t *cells, int32_t cp);

struct segdict_view {
	const struct segdict_node *node;
	uint32_t n_nodes;
	const uint32_t *cp_page;  /* cp >> 8 -> first cell of its page (cp < SEGDICT_CPMAX) */
	const uint32_t *cp_cell;  /* (id << SEGDICT_ID_SHIFT) | flags | class */
	const float *emit;        /* 4 per char id: ln P(B|c), P(M|c), P(E|c), P(S|c) */
	uint32_t n_chars;
	float trans[4][4];        /* ln P(tag' | tag), tags B M E S */
	float start[4];
	float unk_cost;           /* cost of a Han character that is no word */
	float min_cost;           /* cost of the most frequent word */
	float lex_cost;           /* cost given to lexicon terms without a frequency */
	int icu_words;            /* no base dictionary: ICU words are edges too */
};

#define SEGDICT_CPMAX 0x30000

/* A code-point cell: (char id << SEGDICT_ID_SHIFT) | flags | class. */
#define SEGDICT_CLS_MASK 7u
#define SEGDICT_F_NUMERAL 8u     /* Chinese numeral (folded): 〇○零一二...十百千万亿两 */
#define SEGDICT_F_DEMONSTR 16u   /* 这 那 哪 (folded) */
#define SEGDICT_F_FUNC 32u       /* pronouns, determiners, particles: never in an affixed word */
#define SEGDICT_F_SUFFIX 64u     /* productive suffix: 感 党 控 族 仪 盘 性 化 者 员 率 界 ... */
#define SEGDICT_F_PLACE 128u     /* place-name suffix: 村 乡 镇 县 */
#define SEGDICT_F_MEASURE 256u   /* measure word: 个 本 张 次 ... */
#define SEGDICT_ID_SHIFT 9

/* The view of d's arrays (valid while d lives); d must not be NULL. */
const struct segdict_view *segdict_view(const struct segdict *d);

/* Class of a code point without a dictionary (for the ICU path and cp >= SEGDICT_CPMAX). */
int segdict_class_of(int32_t cp);

/* Cost of word w (UTF-8, folded on the fly) or -1 when it is not a word (words left out
 * by the granularity rules, like 改革开放, are not words). For tests and word discovery. */
double segdict_cost(const struct segdict *d, const char *w, size_t n);

/* Number of words and whether the dictionary came from the cache. For tests and -v. */
size_t segdict_nwords(const struct segdict *d);
int segdict_from_cache(const struct segdict *d);

static inline uint32_t segdict_cpinfo(const uint32_t *pages, const uint32_t *cells, int32_t cp)
{
	return cells[pages[cp >> 8] + (cp & 0xFF)];
}

#endif
