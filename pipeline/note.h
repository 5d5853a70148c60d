/*
 * note.h - the read-only view of one note that every analyser works on, and the parser of
 * engagement counts as scrapers write them.
 */
#ifndef NM_NOTE_H
#define NM_NOTE_H

#include <stddef.h>

#include "token.h"

struct cJSON;

struct note {
	const char *text;   /* analysis text: title "\n" desc (or content / text); valid UTF-8 */
	size_t len;
	size_t title_len;   /* bytes of text that belong to the title; 0 when there is none */
	const struct token *tok; /* tokens of text (offsets into text) */
	size_t ntok;
	const struct cJSON *rec; /* the whole input record, read-only (tag_list, counts, ...) */
	unsigned long long serial; /* unique per note processed in this process (0: unknown):
				    * a per-note cache inside a module may key on it */
};

/* Where byte offset off lies: "title" or "desc" (the text's first part, the rest). */
const char *note_where(const struct note *n, size_t off);

/* Parse an engagement count as scrapers write it: 35, "35", "1.1万", "10万+", "1.2w",
 * "1.2k", "3千", "10+", "1,234", "1.5亿". Returns 0 and sets *out (rounded to an integer), or
 * -1 when the value is absent, empty or not a count. */
int count_parse(const char *s, double *out);

#endif
