/*
 * normalize.h - the lookup normaliser shared by the tokenizer and every lexicon.
 *
 * Text is never rewritten in output: tokens keep their original characters. For lookup
 * only, each code point is folded: NFKC compatibility (full-width ｉＰｈｏｎｅ１５ -> iphone15,
 * ① -> 1), case folding, and traditional -> simplified Chinese (媽媽 -> 妈妈) when enabled.
 * Folding is per code point and table driven after norm_init(), so it is cheap on hot paths
 * and keeps a simple mapping between original and folded offsets.
 */
#ifndef NM_NORMALIZE_H
#define NM_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Build the folding tables. t2s: also fold traditional to simplified Chinese. Call once
 * before any other norm_ function (not thread-safe itself; the tables are read-only after). */
void norm_init(int t2s);

/* Whether traditional -> simplified folding is on (it is off when ICU lacks the
 * transliterator even if norm_init(1) was called). */
int norm_t2s_enabled(void);

/* The simplified form of Han code point cp when t2s is on, else cp itself. */
int32_t norm_t2s_cp(int32_t cp);

/* Append the folded form of code point cp to out (room for 16 bytes); return bytes written.
 * Most code points fold to one; a few (NFKC ligatures, ㎏) to several; ignorable ones
 * (zero-width, variation selectors) to none. */
size_t norm_fold_cp(int32_t cp, char *out);

/* Append the folded form of s[0..n) (any bytes; invalid UTF-8 becomes U+FFFD) to sb. */
void norm_append(struct strbuf *sb, const char *s, size_t n);

/* The lexicon key of a term: norm_append of the term with leading and trailing white space
 * removed. Returns sb->buf (sb is reset first). */
const char *norm_key(struct strbuf *sb, const char *s, size_t n);

#endif
