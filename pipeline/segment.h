/*
 * segment.h - the segmenter for text between special tokens (see token.h).
 *
 * Input is a span of valid UTF-8 that holds no special tokens (no tags, emoticon codes,
 * emoji, URLs, mentions). Output is tokens covering every non-white-space byte of the span,
 * appended to a struct tokens with offsets relative to `base` (the start of the whole text).
 *
 * With a dictionary (segdict.h) Han text is segmented by maximum log-probability over the
 * word graph (a dictionary without a base word list adds its lexicon and user words to
 * ICU's words); without one (NULL), by ICU's word BreakIterator alone. With a dictionary,
 * Latin words, numbers and punctuation are split by character classes (segment.c).
 */
#ifndef NM_SEGMENT_H
#define NM_SEGMENT_H

#include <stddef.h>

#include "token.h"

struct segdict;
struct seg_scratch;

/* Per-thread scratch buffers (and ICU break iterator, opened on first use). */
struct seg_scratch *seg_scratch_new(void);
void seg_scratch_free(struct seg_scratch *s);

/* Segment text[0..len) (valid UTF-8, a sub-span of the note text starting at byte `base`)
 * and append the tokens to out, in text order, covering every byte that is not white space.
 * d may be NULL (ICU fallback). s is per-thread scratch; d is shared read-only. Nothing is
 * allocated once s has grown to the longest span. */
void segment(const struct segdict *d, struct seg_scratch *s, const char *text, size_t len,
	     size_t base, struct tokens *out);

#endif
