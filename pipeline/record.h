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
 *
 * Encodings: without --encoding the first 64 KB are checked; when they are clearly not UTF-8
 * (a UTF-16 byte order mark, NUL-interleaved text, or more invalid bytes than valid multi-byte
 * sequences) ICU's charset
 * detector (ucsdet) names the likely encoding and the file is refused with a clear message
 * ("FILE: not UTF-8 (looks like GB18030); use --encoding GB18030"). A few stray invalid bytes
 * in a UTF-8 file are not refused: they are repaired per note. With an encoding name the byte
 * stream is converted to UTF-8 through an ICU converter (ucnv) before any parsing, in bounded
 * chunks; invalid input bytes become U+FFFD.
 *
 * Threads: the reader itself is single-threaded. For parallel processing the caller may defer
 * JSON parsing (reader_set_deferred) and parse each copied line in a worker with
 * record_parse_json(), which is thread-safe and gives the same result and message as the
 * reader; for other formats reader_detach() hands over the parsed object.
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
			     /* (deferred JSON Lines: REC_OK with obj NULL and raw set) */
	const char *bad;     /* REC_BAD: the raw bytes of the bad record */
	size_t badlen;
};

struct reader;

/* Open path ("-" or NULL: stdin) in the given format. encoding: NULL for UTF-8, else an ICU
 * converter name (GB18030, ...) to convert from. Returns NULL after error(). */
struct reader *reader_open(const char *path, enum input_format fmt, const char *encoding);
void reader_close(struct reader *r);

/* The same over bytes in memory (not copied: they must outlive the reader); name is the
 * display name. For tests and fuzzing. Returns NULL after error(). */
struct reader *reader_open_mem(const char *bytes, size_t n, const char *name,
			       enum input_format fmt, const char *encoding);

/* The display name of the input ("<stdin>" or the path). */
const char *reader_name(const struct reader *r);
/* Bytes consumed so far (for progress). */
size_t reader_offset(const struct reader *r);
/* Total size of the input when known (regular files), else 0. */
size_t reader_size(const struct reader *r);

/* Read the next record into rec. Returns REC_OK, REC_BAD, REC_EOF, or REC_IOERR after
 * error(). The record's pointers stay valid until the next call. */
int reader_next(struct reader *r, struct record *rec);

/* Would the next reader_next() wait for input? True only for pipes and terminals with no
 * complete line buffered and nothing ready to read (poll), so a caller can flush what it
 * holds before blocking; always false for regular files and memory. */
int reader_would_block(const struct reader *r);

/* Deferred parsing (on != 0): JSON Lines records come back as REC_OK with obj NULL and the
 * line in raw/rawlen, unparsed; the caller parses them with record_parse_json(). Other formats
 * are unaffected. */
void reader_set_deferred(struct reader *r, int on);

/* Take ownership of the current record's parsed object (free it with cJSON_Delete); the
 * reader forgets it. NULL when there is none. */
struct cJSON *reader_detach(struct reader *r);

/* Parse text[0..len) as one JSON object record exactly as the reader does (NUL bytes, control
 * characters other than tab, truncation, trailing text and non-objects are errors). Returns REC_OK with *obj set (the
 * caller owns it), or REC_BAD with *obj NULL and the message (no location) in msg[0..msgsz).
 * Thread-safe. */
int record_parse_json(const char *text, size_t len, struct cJSON **obj, char *msg,
		      size_t msgsz);

/* The encoding ICU's detector guesses for bytes[0..n) (e.g. "GB18030", "UTF-16LE"), or NULL
 * when it has no guess. Does not decide whether the bytes are UTF-8; see record_looks_foreign. */
const char *record_guess_encoding(const char *bytes, size_t n);

/* Are bytes[0..n) clearly not UTF-8: a UTF-16 byte order mark, NUL-interleaved text (a
 * quarter of the bytes NUL), or at least 4 invalid bytes and no fewer invalid bytes than valid
 * multi-byte sequences? (Legacy CJK encodings form valid UTF-8 pairs only by chance.) A
 * sequence cut by the end of the sample does not count. */
int record_looks_foreign(const char *bytes, size_t n);

#endif
