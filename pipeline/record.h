/*
 * record.h - the record reader: one input file (or stdin) to a stream of records.
 *
 * Formats, auto-detected per file from the first non-blank bytes unless forced:
 *  - JSON Lines (MediaCrawler's default): one JSON object per line;
 *  - one JSON array per file (MediaCrawler's json store), read element by element with a
 *    streaming scanner, so memory stays flat in the number of records;
 *  - CSV with a header row (RFC 4180 quoting, embedded newlines, UTF-8 with or without BOM):
 *    each row becomes a JSON object with the header's keys (string values);
 *  - text: each line is one note {"text": line}.
 * A bad record (invalid JSON, not an object, invalid UTF-8 in a JSON line, ...) is returned
 * as REC_BAD with a message and its raw bytes, and reading goes on with the next record.
 * No line length limit.
 */
#ifndef NM_RECORD_H
#define NM_RECORD_H

#include <stddef.h>

#include "util.h"

struct cJSON;

enum input_format { INPUT_AUTO, INPUT_JSONL, INPUT_JSON, INPUT_CSV, INPUT_TEXT };

/* "jsonl", "json", "csv", "text" (also "auto") -> enum; -1 when unknown. */
int input_format_parse(const char *name);

enum { REC_EOF = 0, REC_OK = 1, REC_BAD = 2, REC_IOERR = -1 };

struct record {
	struct cJSON *obj;   /* REC_OK: the parsed object (owned by the reader until the next call) */
	const char *raw;     /* REC_OK from JSON Lines: the exact line (without newline), else NULL */
	size_t rawlen;
	long line;           /* 1-based line where the record starts */
	const char *error;   /* REC_BAD: the message (no location) */
	const char *bad;     /* REC_BAD: the raw bytes of the bad record */
	size_t badlen;
};

struct reader;

/* Open path ("-" or NULL: stdin) in the given format. encoding: NULL for UTF-8, else an ICU
 * converter name (GB18030, ...) to convert from. Returns NULL after error(). */
struct reader *reader_open(const char *path, enum input_format fmt, const char *encoding);
void reader_close(struct reader *r);

/* The display name of the input ("<stdin>" or the path). */
const char *reader_name(const struct reader *r);
/* Bytes consumed so far (for progress). */
size_t reader_offset(const struct reader *r);
/* Total size of the input when known (regular files), else 0. */
size_t reader_size(const struct reader *r);

/* Read the next record into rec. Returns REC_OK, REC_BAD, REC_EOF, or REC_IOERR after
 * error(). The record's pointers stay valid until the next call. */
int reader_next(struct reader *r, struct record *rec);

#endif
