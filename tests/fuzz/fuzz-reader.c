/*
 * fuzz-reader.c - libFuzzer target for the record reader, every input form: the first byte
 * chooses the format (auto, jsonl, json, csv, text) and the encoding (detect, UTF-8, GB18030,
 * UTF-16LE); the rest is the file. Every record is read; JSON Lines is read twice, with
 * parsing in the reader and deferred to record_parse_json() (as the -j workers do), and the
 * two must agree record by record (status, line, message). The reader must never crash, hang
 * or leak, a bad record must carry a message and its bytes, and line numbers never go down.
 *
 * Build: tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined). With -DNM_FUZZ_MAIN
 * instead of libFuzzer: a driver that runs each file named on the command line once (the
 * seeds: tests/fuzz/seeds/reader/), for valgrind and compilers without libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "record.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 100000

static const char *const encodings[] = { NULL, "UTF-8", "GB18030", "UTF-16LE" };

struct seen {
	int got;
	long line;
	char msg[256];
};

/* Touch every string of obj (ASan checks the bytes). */
static size_t walk(const cJSON *obj, int depth)
{
	const cJSON *c;
	size_t n = 0;
	if (depth > 2000)
		abort(); /* deeper than cJSON's nesting limit: cannot happen */
	cJSON_ArrayForEach(c, obj) {
		if (c->string)
			n += strlen(c->string);
		if (cJSON_IsString(c) && c->valuestring)
			n += strlen(c->valuestring);
		n += walk(c, depth + 1);
	}
	return n;
}

/* Read everything; record what was seen into out (at most cap entries). Returns the count. */
static size_t read_all(const char *bytes, size_t n, enum input_format fmt, const char *enc,
		       int deferred, struct seen *out, size_t cap)
{
	struct reader *r = reader_open_mem(bytes, n, "fuzz", fmt, enc);
	struct record rec;
	size_t k = 0, sum = 0;
	long last = 0;
	int got;
	if (!r)
		return 0;
	reader_set_deferred(r, deferred);
	while ((got = reader_next(r, &rec)) != REC_EOF && got != REC_IOERR) {
		struct seen s;
		memset(&s, 0, sizeof s);
		s.got = got;
		s.line = rec.line;
		if (rec.line < last || rec.line < 1)
			abort();
		last = rec.line;
		if (got == REC_BAD) {
			if (!rec.error || !*rec.error || (rec.badlen && !rec.bad))
				abort();
			snprintf(s.msg, sizeof s.msg, "%s", rec.error);
			if (rec.badlen) /* read every byte */
				sum += memchr(rec.bad, 0x7f, rec.badlen) != NULL;
		} else if (!rec.obj) {
			/* deferred JSON Lines: parse like a worker */
			cJSON *o = NULL;
			if (!deferred || !rec.raw)
				abort();
			s.got = record_parse_json(rec.raw, rec.rawlen, &o, s.msg, sizeof s.msg);
			if ((s.got == REC_OK) != (o != NULL) || (o && !cJSON_IsObject(o)))
				abort();
			if (s.got != REC_OK)
				s.got = REC_BAD;
			else
				s.msg[0] = 0;
			sum += walk(o, 0);
			cJSON_Delete(o);
		} else {
			if (!cJSON_IsObject(rec.obj))
				abort();
			sum += walk(rec.obj, 0);
			if (rec.line & 1)
				cJSON_Delete(reader_detach(r));
		}
		if (reader_size(r) && reader_offset(r) > reader_size(r))
			abort();
		if (k < cap)
			out[k] = s;
		if (++k >= MAX_RECORDS)
			break;
	}
	reader_close(r);
	if (sum == (size_t)-1)
		abort(); /* keeps sum alive */
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct seen a[1024], b[1024];
	const char *bytes = (const char *)data + 1;
	enum input_format fmt;
	const char *enc;
	size_t na, nb;
	if (!size)
		return 0;
	fmt = (enum input_format)(data[0] % 5);
	enc = encodings[(data[0] / 5) % 4];
	na = read_all(bytes, size - 1, fmt, enc, 0, a, 1024);
	if (fmt == INPUT_JSONL || fmt == INPUT_AUTO) {
		nb = read_all(bytes, size - 1, fmt, enc, 1, b, 1024);
		if (na != nb)
			abort();
		for (size_t i = 0; i < na && i < 1024; i++)
			if (a[i].got != b[i].got || a[i].line != b[i].line ||
			    strcmp(a[i].msg, b[i].msg))
				abort();
	}
	return 0;
}

#include "replay-main.h"
