/*
 * discover.h - new-word discovery: Han character n-grams of a corpus that behave like words
 * (frequent, internally cohesive, free at both ends) and that no dictionary knows.
 *
 * Algorithm. Every note's text is folded with the lookup normaliser and cut into runs of Han
 * characters: anything else ends a run, and so do @mentions, short [...] codes ([笑哭R],
 * [话题]) and 丨, which are skipped. The names of topic tags (#名称[话题]#) are kept but
 * marked: a tag is a phrase chosen once, so occurrences in tags do not count towards df.
 * A line of 12 bytes or more that was seen before (a signature, a template) is skipped.
 * The runs are stored as dense character ids with a 0 between runs. Two suffix arrays,
 * one over the text and one over the reversed text, are sorted on their first
 * DISCOVER_MAXLEN + 1 characters (LSD radix sort, linear). One pass over each array visits
 * every distinct n-gram (n = 1..DISCOVER_MAXLEN) as a contiguous range:
 *  - freq(w): the range's size; df(w) / da(w): distinct notes / authors outside tags;
 *  - right entropy (forward array) / left entropy (reversed array): the entropy of the
 *    next / previous character over the range, a run boundary counting as a distinct
 *    neighbour each time (punctuation or text end never confines a word);
 *  - cohesion: min over the split points w = a|b of freq(w) * N / (freq(a) * freq(b)),
 *    N the number of characters (PMI, taken at the weakest split);
 * N-grams below the minimum frequency are never stored (their sub-strings are at least as
 * frequent, so cohesion needs nothing else). Memory: about 20 bytes per Han character at
 * the peak, plus the frequent n-grams and up to 256 MiB of note text kept for examples;
 * Han characters beyond max_chars (default 16M, about 6 times a 22 MB dump) are ignored,
 * so memory stays bounded whatever the input size.
 *
 * Filters: length min_len..max_len; freq >= min_freq and df >= min_df; not a fragment (no
 * single left or right neighbour accounts for fragment_share or more of its occurrences:
 * 拉斯 is nearly always 达拉斯); min(left, right) entropy >= min_entropy; cohesion >=
 * min_cohesion; not a known word (the segmenter's dictionary, which holds every lexicon
 * term, plus the jieba-format word list, which also has the words the segmenter leaves out
 * on purpose, plus the lexicon terms); no function character or numeral at the start or the
 * end (的 了 是 我 一 ... ), no phrase glue inside (的 很 了 是 都 ...), no phrase ending
 * (左右, 起来, 一下 ...), no triple character at the start (哈哈哈); not a chain of known words, each of two or more characters or a
 * single character that is a frequent word of its own (好吃+推荐, 吃+完, 刚刚+好).
 * Ranking: score = log2(1 + df) * min(left, right entropy) * ln(cohesion), halved when
 * the corpus has 3 or more authors and only one uses the word; ties broken by frequency
 * and then by the term.
 */
#ifndef NM_DISCOVER_H
#define NM_DISCOVER_H

#include <stddef.h>

#define DISCOVER_MAXLEN 6

struct segdict;
struct lexset;

struct discover_opts {
	int min_len, max_len;      /* n-gram lengths in characters (defaults 2, 6) */
	unsigned min_freq;         /* default 5 */
	unsigned min_df;           /* distinct notes, default 3 */
	double min_entropy;        /* min(left, right) entropy in bits, default 1.0 */
	double min_cohesion;       /* default 20 */
	double fragment_share;     /* default 0.75 */
	size_t max_chars;          /* Han characters kept; default 16M */
	const struct segdict *dict;  /* known words (may be NULL) */
	const char *word_list;     /* jieba-format word list file read when dict is NULL;
				    * NULL: none */
	const struct lexset *ls;   /* lexicon terms are known words too (may be NULL) */
};

/* Fill o with the defaults. */
void discover_opts_init(struct discover_opts *o);

struct discover_word {
	char *term;          /* folded form, UTF-8 */
	unsigned freq, df, da; /* occurrences, notes and authors using it (outside tags) */
	double cohesion, left_entropy, right_entropy, score;
	char *example;       /* a short excerpt of a note holding the term (one line) */
};

struct discover;

/* A new, empty corpus. norm_init() must have been called. Returns NULL after error() when
 * the word list cannot be read. */
struct discover *discover_new(const struct discover_opts *o);
void discover_free(struct discover *d);

/* Add the text of one note (valid UTF-8, as the reader repairs it). */
void discover_add(struct discover *d, const char *text, size_t len);

/* The same, naming the note's author (creator id; NULL or "": unknown). When the corpus
 * has 3 or more authors, a candidate used by one author only scores half: it is more
 * likely that author's signature or template than a word of the community. */
void discover_add_by(struct discover *d, const char *text, size_t len, const char *author);

/* Compute the candidates, best first, into *out (an array of *n words owned by d, valid
 * until discover_free). Returns 0. */
int discover_run(struct discover *d, const struct discover_word **out, size_t *n);

/* Characters and notes added so far. */
size_t discover_nchars(const struct discover *d);
size_t discover_nnotes(const struct discover *d);

#endif
