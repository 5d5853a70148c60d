/*
 * cmd-report.c - `notemine report`: read labelled JSON Lines (the output of `run`) or raw
 * notes, accumulate them in a streaming report (report.h) and write one HTML page or a
 * Markdown summary.
 *
 * Report options (-o, --format html|md, --top, --top-k, --sample, --title) are taken out of
 * argv here; the rest (input format, --field, -L, --dict, ...) go to cli_parse, and are used
 * when raw notes (records without "note_type") are labelled by the full pipeline, which is
 * only built when the first raw note arrives.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "report.h"

static const char report_usage[] =
	"usage: notemine report [OPTIONS] [FILE...] [-o report.html] [--format html|md]\n\n"
	"Summarises labelled notes (the output of `notemine run`; raw notes are labelled on\n"
	"the fly) in one self-contained HTML page (inline CSS and SVG charts, no scripts,\n"
	"nothing fetched from the network, printable) or as Markdown tables: counts and\n"
	"input problems, note types, sentiment by note type and category, resonance and its\n"
	"parts, the SIPS profile by category, top and distinctive terms, the 10 most and\n"
	"least resonant notes with their evidence, engagement against resonance.\n"
	"Memory is bounded by the term counters kept (--top-k), not by the number of notes.\n\n"
	"Report:\n"
	"  -o, --output FILE   write to FILE (default: standard output)\n"
	"  --format FMT        html (default; md when FILE ends in .md) | md\n"
	"  --title TEXT        report title (default: notemine report)\n"
	"  --top N             terms shown per list (default 15)\n"
	"  --top-k N           counters per term summary (default 2000)\n"
	"  --sample N          notes kept for engagement vs resonance (default 5000)\n"
	"Input (as for run):\n"
	"  FILE...             labelled or raw notes: JSON Lines, JSON arrays, CSV; none or\n"
	"                      '-' reads standard input\n"
	"  --input FORMAT      force jsonl | json | csv | text;  --text: same as --input text\n"
	"  --field NAME        text field of raw notes (repeatable)\n"
	"  --encoding NAME     input encoding (default UTF-8)\n"
	"  -L, --lexicons DIR  lexicon overlay for raw notes (repeatable); also --dict,\n"
	"                      --user-dict, --no-t2s, --lexicon-root\n\n"
	"Exit codes: 0 ok; 1 some input records were bad (reported in the report and on\n"
	"stderr); 2 usage, I/O or lexicon error.\n";

struct report_args {
	const char *output;
	const char *format;
	const char *title;
	long top, topk, sample;
};

static int parse_long(const char *opt, const char *v, long lo, long hi, long *out)
{
	char *end;
	long n;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || !*v || *end || n < lo || n > hi)
		return error("report: bad value '%s' for %s", v, opt);
	*out = n;
	return 0;
}

/* Move report options out of argv into a; the rest is compacted into rest (rest[0] is the
 * command name). Returns 0, 1 for --help, -1 after a usage error. */
static int take_report_opts(int argc, char **argv, struct report_args *a, char **rest, int *nrest)
{
	*nrest = 0;
	rest[(*nrest)++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		int has_val = i + 1 < argc;
		if (!strcmp(o, "--")) {
			while (i < argc)
				rest[(*nrest)++] = argv[i++];
			break;
		} else if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
			return 1;
		} else if (!strcmp(o, "-o") || !strcmp(o, "--output") || !strcmp(o, "--format") ||
			   !strcmp(o, "--title") || !strcmp(o, "--top") || !strcmp(o, "--top-k") ||
			   !strcmp(o, "--sample")) {
			const char *v;
			if (!has_val)
				return error("report: option %s needs a value", o);
			v = argv[++i];
			if (!strcmp(o, "-o") || !strcmp(o, "--output"))
				a->output = v;
			else if (!strcmp(o, "--format"))
				a->format = v;
			else if (!strcmp(o, "--title"))
				a->title = v;
			else if (!strcmp(o, "--top") && parse_long(o, v, 1, 1000, &a->top) < 0)
				return -1;
			else if (!strcmp(o, "--top-k") &&
				 parse_long(o, v, 10, 10000000, &a->topk) < 0)
				return -1;
			else if (!strcmp(o, "--sample") &&
				 parse_long(o, v, 10, 10000000, &a->sample) < 0)
				return -1;
		} else if (!strcmp(o, "-j") || !strcmp(o, "--jobs")) {
			/* accepted for symmetry with run; the report reads in one thread */
			if (has_val)
				i++;
		} else {
			rest[(*nrest)++] = argv[i];
		}
	}
	rest[*nrest] = NULL;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Label one raw record with the pipeline (built on first use) and add it. Returns 0, or -1
 * when the pipeline cannot be built. */
static int add_raw(struct report *rep, struct cli *c, struct pipeline **p,
		   struct pipeline_worker **w, struct strbuf *line, const struct record *rec,
		   const char *source)
{
	cJSON *obj;

	if (!*p) {
		if (!(*p = pipeline_new(&c->po)))
			return -1;
		*w = pipeline_worker_new(*p);
	}
	sb_reset(line);
	pipeline_process(*w, rec, line, NULL);
	obj = cJSON_ParseWithLength(line->buf, line->len);
	if (!obj) {
		report_add_bad(rep, source, rec->line, "labelled record is not valid JSON");
		return 0;
	}
	report_count_labelled_here(rep);
	report_add(rep, obj, source, rec->line);
	cJSON_Delete(obj);
	return 0;
}

static int write_all(FILE *f, const char *name, const struct strbuf *sb)
{
	if (fwrite(sb->buf, 1, sb->len, f) != sb->len || fflush(f) != 0 || ferror(f))
		return error("%s: write error: %s", name, strerror(errno));
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a = { NULL, NULL, NULL, 0, 0, 0 };
	struct report_opts ro;
	struct cli c;
	char **rest = xcalloc((size_t)argc + 2, sizeof(*rest));
	char *stdin_only[] = { (char *)"-" };
	char **files;
	int nrest, nfiles, rc = 0, md, got;
	struct report *rep;
	struct pipeline *p = NULL;
	struct pipeline_worker *w = NULL;
	struct strbuf line = STRBUF_INIT, out = STRBUF_INIT;

	got = take_report_opts(argc, argv, &a, rest, &nrest);
	if (got) {
		free(rest);
		if (got > 0) {
			fputs(report_usage, stdout);
			return 0;
		}
		return 2;
	}
	if (cli_parse(&c, nrest, rest, STAGE_ALL, report_usage)) {
		free(c.files);
		free(rest);
		return 2;
	}
	if (a.format && strcmp(a.format, "html") && strcmp(a.format, "md") &&
	    strcmp(a.format, "markdown")) {
		error("report: unknown format '%s' (html, md)", a.format);
		free(c.files);
		free(rest);
		return 2;
	}
	md = a.format ? strcmp(a.format, "html") != 0
		      : a.output && (ends_with(a.output, ".md") || ends_with(a.output, ".markdown"));

	memset(&ro, 0, sizeof(ro));
	ro.capacity = (size_t)a.topk;
	ro.top = (int)a.top;
	ro.sample = (size_t)a.sample;
	ro.title = a.title;
	rep = report_new(&ro);
	sb_init(&line, 4096);

	files = c.nfiles ? c.files : stdin_only;
	nfiles = c.nfiles ? c.nfiles : 1;
	for (int f = 0; f < nfiles && rc < 2; f++) {
		struct reader *r = reader_open(files[f], c.input, c.encoding);
		struct record rec;
		if (!r) {
			rc = 2;
			break;
		}
		report_count_file(rep);
		while ((got = reader_next(r, &rec)) != REC_EOF) {
			if (got == REC_IOERR) {
				rc = 2;
				break;
			}
			if (got == REC_BAD) {
				error("%s:%ld: %s", reader_name(r), rec.line, rec.error);
				report_add_bad(rep, reader_name(r), rec.line, rec.error);
				if (rc < 1)
					rc = 1;
				continue;
			}
			if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(rec.obj, "note_type")) ||
			    cJSON_GetObjectItemCaseSensitive(rec.obj, "error")) {
				report_add(rep, rec.obj, reader_name(r), rec.line);
			} else if (add_raw(rep, &c, &p, &w, &line, &rec, reader_name(r)) < 0) {
				rc = 2;
				break;
			}
		}
		reader_close(r);
	}

	if (rc < 2) {
		FILE *fo = stdout;
		const char *name = "<stdout>";
		sb_init(&out, 1 << 16);
		if (md)
			report_write_md(rep, &out);
		else
			report_write_html(rep, &out);
		if (a.output && strcmp(a.output, "-")) {
			name = a.output;
			if (!(fo = fopen(a.output, "w"))) {
				error("%s: cannot open for writing: %s", a.output, strerror(errno));
				rc = 2;
			}
		}
		if (fo && write_all(fo, name, &out) < 0)
			rc = 2;
		if (fo && fo != stdout && fclose(fo) != 0 && rc < 2) {
			error("%s: write error: %s", name, strerror(errno));
			rc = 2;
		}
	}
	sb_release(&out);
	sb_release(&line);
	report_free(rep);
	if (w)
		pipeline_worker_free(w);
	if (p)
		pipeline_free(p);
	free(c.files);
	free(rest);
	return rc;
}
