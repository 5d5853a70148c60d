/*
 * fuzz-run.c - libFuzzer target for the whole `notemine run` path: the first byte chooses
 * the input format (auto, jsonl, json, csv, text), the output format (JSON Lines or TSV) and
 * --explain; the rest is the file, read from memory by the record reader and processed record
 * by record by every stage with the shipped lexicons, exactly as the stage commands do.
 * Checked on every input: each record (good or bad) yields exactly one output line; in JSON
 * Lines output every line is a JSON object (error records too) when the input line was
 * valid UTF-8 free of control characters.
 *
 * Lexicons: $NOTEMINE_LEXICONS or the shipped folder. Build: tests/fuzz/run.sh;
 * -DNM_FUZZ_MAIN gives a driver that runs each file named on the command line once (seeds:
 * tests/fuzz/seeds/run/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lexicon.h"
#include "pipeline.h"
#include "record.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pipeline *pl[2];
static struct pipeline_worker *pw[2];
static struct strbuf out, ex;

static void setup(void)
{
	if (pl[0])
		return;
	for (int i = 0; i < 2; i++) {
		struct pipeline_opts o;
		memset(&o, 0, sizeof o);
		o.stages = STAGE_ALL;
		o.t2s = 1;
		o.format = i ? OUT_TSV : OUT_JSON;
		o.types = o.offsets = !i;
		if (!(pl[i] = pipeline_new(&o))) {
			/* stderr may be closed (-close_fd_mask=2): say it on stdout */
			printf("fuzz-run: cannot build the pipeline (lexicons: %s); run 'notemine "
			       "lexicon check'\n", lex_default_root());
			fflush(stdout);
			abort();
		}
		pw[i] = pipeline_worker_new(pl[i]);
	}
}

static size_t count_lines(const struct strbuf *sb)
{
	size_t n = 0;
	for (size_t i = 0; i < sb->len; i++)
		n += sb->buf[i] == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader *r;
	struct record rec;
	int got, tsv, explain;
	size_t records = 0;
	if (!size)
		return 0;
	setup();
	tsv = (data[0] / 5) & 1;
	explain = (data[0] / 10) & 1;
	r = reader_open_mem((const char *)data + 1, size - 1, "fuzz",
			    (enum input_format)(data[0] % 5), NULL);
	if (!r)
		return 0;
	while ((got = reader_next(r, &rec)) != REC_EOF && got != REC_IOERR && records < 10000) {
		size_t start = out.len;
		int clean = 1;
		if (got == REC_BAD) {
			pipeline_bad(pl[tsv], &rec, &out);
		} else {
			sb_reset(&ex);
			pipeline_process(pw[tsv], &rec, &out, explain ? &ex : NULL);
			if (rec.raw)
				clean = utf8_check(rec.raw, rec.rawlen) == rec.rawlen;
		}
		records++;
		/* exactly one line per record */
		if (out.len == start || out.buf[out.len - 1] != '\n' ||
		    memchr(out.buf + start, '\n', out.len - start) != out.buf + out.len - 1)
			abort();
		if (!tsv && clean) {
			cJSON *o = cJSON_ParseWithLength(out.buf + start, out.len - start);
			if (!cJSON_IsObject(o) && (out.len - start) < (1u << 20) &&
			    !memchr(out.buf + start, 0, out.len - start))
				abort();
			cJSON_Delete(o);
		}
		if (out.len > (1u << 22))
			sb_reset(&out);
	}
	reader_close(r);
	if (count_lines(&out) > records)
		abort();
	sb_reset(&out);
	return 0;
}

#ifdef NM_FUZZ_MAIN
/* What setup() keeps between inputs. */
static void cleanup(void)
{
	for (int i = 0; i < 2; i++) {
		pipeline_worker_free(pw[i]);
		pipeline_free(pl[i]);
	}
	sb_release(&out);
	sb_release(&ex);
}
#define NM_FUZZ_CLEANUP cleanup
#endif
#include "replay-main.h"
