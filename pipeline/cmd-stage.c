/*
 * cmd-stage.c - the stage commands (tokenize, classify, score, run): shared option parsing
 * and the read-process-write loop. Output goes through one buffer flushed in large writes;
 * a failed write is an error (exit 2), SIGPIPE ends the process quietly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

const char cli_common_help[] =
	"Input:\n"
	"  FILE...             MediaCrawler dumps: JSON Lines, JSON arrays, CSV (auto-detected\n"
	"                      per file); none or '-' reads standard input\n"
	"  --input FORMAT      force jsonl | json | csv | text\n"
	"  --text              plain text: each line is one note (same as --input text)\n"
	"  --field NAME        take the note text from field NAME (repeatable); default:\n"
	"                      title + desc, else content, else text\n"
	"  --encoding NAME     input encoding (default UTF-8)\n"
	"  --skip-bad          leave bad records out of the output (still reported)\n"
	"Output:\n"
	"  --format FMT        json (JSON Lines, default) | tsv (a flat table) | words\n"
	"                      (tokens separated by spaces, one line per record)\n"
	"Lexicons and dictionary:\n"
	"  -L, --lexicons DIR  overlay a lexicon folder on the shipped ones (repeatable)\n"
	"  --dict PATH|none    base word dictionary (jieba format); none: ICU word breaks\n"
	"  --user-dict FILE    extra words (jieba userdict format; repeatable)\n"
	"  --no-t2s            do not fold traditional to simplified Chinese for lookup\n"
	"Processing:\n"
	"  -j, --jobs N        worker threads (0: all cores; default 1)\n"
	"  --progress          progress on stderr (default when stderr is a terminal)\n"
	"\n"
	"Every input record yields exactly one output record, in order; fields the command\n"
	"does not own pass through untouched. A bad record yields\n"
	"{\"error\": {\"message\": ..., \"line\": N}, \"raw\": ...} and a message FILE:LINE on stderr.\n"
	"\n"
	"Exit codes: 0 ok; 1 some input records were bad (reported, run went on);\n"
	"2 usage, I/O or lexicon error.\n";

static int need_arg(int i, int argc, char **argv)
{
	if (i + 1 >= argc) {
		error("%s: option %s needs a value", argv[0], argv[i]);
		return -1;
	}
	return 0;
}

int cli_parse(struct cli *c, int argc, char **argv, int stages, const char *usage)
{
	int i;
	memset(c, 0, sizeof *c);
	c->po.stages = stages;
	c->po.t2s = 1;
	c->po.format = OUT_JSON;
	c->jobs = 1;
	c->progress = -1;
	c->files = xcalloc((size_t)argc + 1, sizeof *c->files);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			fputs(cli_common_help, stdout);
			return 1;
		} else if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				c->files[c->nfiles++] = argv[i];
			break;
		} else if (!strcmp(a, "-L") || !strcmp(a, "--lexicons")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			if (c->po.nlex >= (int)NM_ARRAY_LEN(c->po.lex_dirs))
				return error("%s: too many -L folders", argv[0]);
			c->po.lex_dirs[c->po.nlex++] = argv[++i];
		} else if (!strcmp(a, "--lexicon-root")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			c->po.lex_root = argv[++i];
		} else if (!strcmp(a, "--dict")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			c->po.dict = argv[++i];
		} else if (!strcmp(a, "--user-dict")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			if (c->po.nuser >= (int)NM_ARRAY_LEN(c->po.user_dicts))
				return error("%s: too many --user-dict files", argv[0]);
			c->po.user_dicts[c->po.nuser++] = argv[++i];
		} else if (!strcmp(a, "--t2s")) {
			c->po.t2s = 1;
		} else if (!strcmp(a, "--no-t2s")) {
			c->po.t2s = 0;
		} else if (!strcmp(a, "--input")) {
			int f;
			if (need_arg(i, argc, argv) < 0)
				return -1;
			if ((f = input_format_parse(argv[++i])) < 0)
				return error("%s: unknown input format '%s' (jsonl, json, csv, text)",
					     argv[0], argv[i]);
			c->input = (enum input_format)f;
		} else if (!strcmp(a, "--text")) {
			c->input = INPUT_TEXT;
		} else if (!strcmp(a, "--field")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			if (c->po.nfields >= (int)NM_ARRAY_LEN(c->po.fields))
				return error("%s: too many --field options", argv[0]);
			c->po.fields[c->po.nfields++] = argv[++i];
		} else if (!strcmp(a, "--encoding")) {
			if (need_arg(i, argc, argv) < 0)
				return -1;
			c->encoding = argv[++i];
		} else if (!strcmp(a, "--skip-bad")) {
			c->skip_bad = 1;
		} else if (!strcmp(a, "--format")) {
			const char *f;
			if (need_arg(i, argc, argv) < 0)
				return -1;
			f = argv[++i];
			if (!strcmp(f, "json") || !strcmp(f, "jsonl"))
				c->po.format = OUT_JSON;
			else if (!strcmp(f, "tsv"))
				c->po.format = OUT_TSV;
			else if (!strcmp(f, "words"))
				c->po.format = OUT_WORDS;
			else
				return error("%s: unknown output format '%s' (json, tsv, words)",
					     argv[0], f);
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			char *end;
			long j;
			if (need_arg(i, argc, argv) < 0)
				return -1;
			j = strtol(argv[++i], &end, 10);
			if (*end || j < 0 || j > 1024)
				return error("%s: bad job count '%s'", argv[0], argv[i]);
			c->jobs = (int)j;
		} else if (!strcmp(a, "--progress")) {
			c->progress = 1;
		} else if (!strcmp(a, "--no-progress")) {
			c->progress = 0;
		} else if (!strcmp(a, "--types") && (stages & STAGE_TOKENIZE)) {
			c->po.types = 1;
		} else if (!strcmp(a, "--offsets") && (stages & STAGE_TOKENIZE)) {
			c->po.offsets = 1;
		} else if (!strcmp(a, "--explain") && (stages & STAGE_SCORE)) {
			c->po.explain = 1;
		} else if (a[0] == '-' && a[1]) {
			return error("%s: unknown option '%s' (see 'notemine %s --help')", argv[0], a,
				     argv[0]);
		} else {
			c->files[c->nfiles++] = argv[i];
		}
	}
	return 0;
}

/* Write sb to stdout; on failure report and return -1. */
static int flush_out(struct strbuf *sb)
{
	size_t off = 0;
	while (off < sb->len) {
		ssize_t n = write(1, sb->buf + off, sb->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error("write error: %s", n < 0 ? strerror(errno) : "short write");
		off += (size_t)n;
	}
	sb_reset(sb);
	return 0;
}

static void explain_header(struct strbuf *ex, const struct reader *r, const struct record *rec)
{
	sb_addf(ex, "== %s:%ld\n", reader_name(r), rec->line);
}

int cli_run_stages(struct cli *c)
{
	struct pipeline *p;
	struct pipeline_worker *w;
	struct strbuf out = STRBUF_INIT, ex = STRBUF_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files = c->nfiles ? c->files : stdin_only;
	int nfiles = c->nfiles ? c->nfiles : 1, rc = 0;

	if (!(p = pipeline_new(&c->po)))
		return 2;
	w = pipeline_worker_new(p);
	sb_init(&out, 1 << 17);
	pipeline_header(p, &out);
	for (int f = 0; f < nfiles && rc < 2; f++) {
		struct reader *r = reader_open(files[f], c->input, c->encoding);
		struct record rec;
		int got;
		if (!r) {
			rc = 2;
			continue;
		}
		while ((got = reader_next(r, &rec)) != REC_EOF) {
			if (got == REC_IOERR) {
				rc = 2;
				break;
			}
			if (got == REC_BAD) {
				error("%s:%ld: %s", reader_name(r), rec.line, rec.error);
				if (rc < 1)
					rc = 1;
				if (!c->skip_bad)
					pipeline_bad(p, &rec, &out);
			} else if (c->po.explain) {
				sb_reset(&ex);
				explain_header(&ex, r, &rec);
				pipeline_process(w, &rec, &out, &ex);
				fputs(ex.buf, stderr);
			} else {
				pipeline_process(w, &rec, &out, NULL);
			}
			if (out.len >= (1 << 16) && flush_out(&out) < 0) {
				rc = 2;
				break;
			}
		}
		reader_close(r);
	}
	if (flush_out(&out) < 0)
		rc = 2;
	sb_release(&out);
	sb_release(&ex);
	pipeline_worker_free(w);
	pipeline_free(p);
	free(c->files);
	return rc;
}

static int stage_cmd(int argc, char **argv, int stages, const char *usage)
{
	struct cli c;
	int r = cli_parse(&c, argc, argv, stages, usage);
	if (r) {
		free(c.files);
		return r > 0 ? 0 : 2;
	}
	return cli_run_stages(&c);
}

int cmd_tokenize(int argc, char **argv)
{
	return stage_cmd(argc, argv, STAGE_TOKENIZE,
			 "usage: notemine tokenize [OPTIONS] [FILE...]\n\n"
			 "Adds \"tokens\": the note text split into words, with topic tags\n"
			 "(#名称[话题]#), emoticon codes ([笑哭R]), emoji, @mentions, URLs, prices and\n"
			 "numbers with units kept whole. White space is dropped.\n\n"
			 "  --types             also add \"token_types\" (word, han, latin, number,\n"
			 "                      hashtag, emoticon, emoji, mention, url, punct)\n"
			 "  --offsets           also add \"token_offsets\": [start, end) byte offsets\n"
			 "                      into the note text (title \"\\n\" desc)\n\n");
}

int cmd_classify(int argc, char **argv)
{
	return stage_cmd(argc, argv, STAGE_CLASSIFY,
			 "usage: notemine classify [OPTIONS] [FILE...]\n\n"
			 "Adds \"sentiment\" (label, score in [-1,1], evidence) and \"note_type\"\n"
			 "(experience, planting, cooperation, official, sponsored, other; scores and\n"
			 "evidence). Uses \"tokens\" from an earlier tokenize stage when present.\n\n");
}

int cmd_score(int argc, char **argv)
{
	return stage_cmd(argc, argv, STAGE_SCORE,
			 "usage: notemine score [OPTIONS] [FILE...]\n\n"
			 "Adds \"engagement\" (parsed like/collect/comment/share counts), \"resonance\"\n"
			 "(0-100 with its five parts and evidence) and \"sips\" (identify, participate,\n"
			 "share, category, audience). Uses \"tokens\" and \"sentiment\" of earlier\n"
			 "stages when present.\n\n"
			 "  --explain           print a readable breakdown of each note on stderr\n\n");
}

int cmd_run(int argc, char **argv)
{
	return stage_cmd(argc, argv, STAGE_ALL,
			 "usage: notemine run [OPTIONS] [FILE...]\n\n"
			 "All stages in one process: the same output as\n"
			 "notemine tokenize | notemine classify | notemine score.\n\n"
			 "  --types, --offsets  as for tokenize\n"
			 "  --explain           as for score\n\n");
}
