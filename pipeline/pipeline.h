/*
 * pipeline.h - models for every stage, and the processing of one record.
 *
 * A pipeline holds the read-only state (lexicons, dictionary, tokenizer, analysers) and is
 * shared by all threads; a pipeline_worker holds one thread's scratch buffers.
 *
 * Output of one record: for JSON Lines input the input line itself with the stage keys
 * spliced in before its final '}' (byte-exact pass-through of every other field); for other
 * inputs the object re-serialised in key order. A key the stage owns that is already present
 * is replaced; keys of earlier stages already present are used instead of recomputed.
 */
#ifndef NM_PIPELINE_H
#define NM_PIPELINE_H

#include <stddef.h>

#include "record.h"
#include "util.h"

enum {
	STAGE_TOKENIZE = 1,
	STAGE_CLASSIFY = 2,
	STAGE_SCORE = 4,
	STAGE_ALL = 7
};

enum out_format { OUT_JSON, OUT_TSV, OUT_WORDS };

struct pipeline_opts {
	const char *lex_dirs[32]; /* -L overlays, in order (after the shipped lexicons) */
	int nlex;
	const char *lex_root;     /* shipped lexicons; NULL: lex_default_root() */
	const char *dict;         /* --dict PATH | "none" | NULL (default lookup) */
	const char *user_dicts[32];
	int nuser;
	int t2s;                  /* fold traditional to simplified for lookup (default 1) */
	const char *fields[16];   /* --field: text fields; none: title+desc | content | text */
	int nfields;
	int stages;               /* STAGE_* bits this command adds */
	int types, offsets;       /* tokenize --types / --offsets */
	enum out_format format;
	int explain;              /* score --explain: breakdown on stderr */
};

struct pipeline;
struct pipeline_worker;

/* Load lexicons and dictionary and build every model the requested stages need.
 * Returns NULL after error() (lexicon errors are reported with file:line). */
struct pipeline *pipeline_new(const struct pipeline_opts *o);
void pipeline_free(struct pipeline *p);

struct pipeline_worker *pipeline_worker_new(const struct pipeline *p);
void pipeline_worker_free(struct pipeline_worker *w);

/* Process one good record and append exactly one output line (ending in '\n') to out.
 * explain (may be NULL) receives the --explain breakdown. */
void pipeline_process(struct pipeline_worker *w, const struct record *rec, struct strbuf *out,
		      struct strbuf *explain);

/* Append the output line for a bad record: {"error": {"message": ..., "line": N}, "raw": ...}
 * (JSON formats) or the TSV/words equivalent. */
void pipeline_bad(const struct pipeline *p, const struct record *rec, struct strbuf *out);

/* The header line for --format tsv (empty for other formats). */
void pipeline_header(const struct pipeline *p, struct strbuf *out);

#endif
