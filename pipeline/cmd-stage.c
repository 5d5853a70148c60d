/*
 * cmd-stage.c - the stage commands (tokenize, classify, score, run): shared option parsing
 * and the read-process-write loop (-j N worker threads, output in input order, progress).
 * Output goes through one buffer per batch flushed in large writes; a failed write is an
 * error (exit 2), SIGPIPE ends the process quietly.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

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
	"  --progress          progress on stderr (default when stderr is a terminal and the\n"
	"                      input is not a pipe); --no-progress: never\n"
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

/*
 * The read-process-write loop.
 *
 * The main thread reads records into batches (at most BATCH_RECORDS records or about
 * BATCH_BYTES bytes, one input file each) and writes finished batches in input order; with
 * -j N > 1, N worker threads each with their own pipeline_worker process batches. Batches live
 * in a ring of 2N+2 slots: before reusing a slot the main thread waits for the batch in it,
 * which is always the oldest unwritten one, and writes it. So at most 2N+2 batches exist at any
 * time (memory is flat in the length of the input), output is in input order, and every
 * record goes through the same code with the same per-record state whatever N is, so the
 * output is byte-identical to -j 1. With -j 1 batches are processed inline in the main thread.
 *
 * JSON Lines records are copied raw into the batch and parsed in the worker
 * (record_parse_json), so parsing runs in parallel too; other formats are parsed by the reader
 * and the cJSON object is handed over (reader_detach). Bad-record messages and --explain text
 * are collected per batch and written to stderr when the batch is written, so they too come in
 * input order. When a pipe or terminal pauses (reader_would_block), the partial batch is
 * submitted and everything in flight written before the read blocks, so a live stream
 * (tail -f dump.jsonl | notemine run) flows record by record.
 */
#define BATCH_RECORDS 256
#define BATCH_BYTES (64u << 10)
#define BATCH_KEEP (4u << 20) /* buffers above this are released after a batch */

enum item_kind { ITEM_RAW, ITEM_OBJ, ITEM_BAD };

struct item {
	enum item_kind kind;
	long line;
	size_t off, len;     /* ITEM_RAW: the line; ITEM_BAD: the bad bytes (in batch->in) */
	size_t msg;          /* ITEM_BAD: offset of the message (NUL-terminated) in batch->in */
	cJSON *obj;          /* ITEM_OBJ */
};

enum batch_state { B_FREE, B_FILLED, B_TAKEN, B_DONE };

struct batch {
	enum batch_state state;
	long seq;
	const char *name;    /* the input's display name (owned by the loop) */
	struct strbuf in;
	struct item *it;
	size_t n, cap;
	struct strbuf out, err;
	int rc;
};

struct progress {
	int on, tty;
	double start, last;
	size_t total;        /* bytes of every input when all are regular files, else 0 */
	size_t done_bytes;   /* bytes of the inputs already closed */
	long records;
	int shown;           /* a \r line is on the terminal */
};

struct loop {
	const struct cli *c;
	const struct pipeline *p;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct batch *ring;
	size_t nslot;
	long fill_seq, take_seq, write_seq;
	int quit, threaded;
	struct pipeline_worker *inline_w;
	struct strbuf inline_ex;
	int rc;
	struct progress pr;
};

static void batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->it[i].kind == ITEM_OBJ)
			cJSON_Delete(b->it[i].obj);
	b->n = 0;
	b->rc = 0;
	if (b->in.cap > BATCH_KEEP)
		sb_release(&b->in);
	if (b->out.cap > BATCH_KEEP)
		sb_release(&b->out);
	if (b->err.cap > BATCH_KEEP)
		sb_release(&b->err);
	sb_reset(&b->in);
	sb_reset(&b->out);
	sb_reset(&b->err);
}

static struct item *batch_push(struct batch *b, enum item_kind kind, long line)
{
	struct item *it;
	NM_GROW(b->it, b->cap, b->n + 1);
	it = &b->it[b->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->line = line;
	return it;
}

static int batch_full(const struct batch *b)
{
	return b->n >= BATCH_RECORDS || b->in.len >= BATCH_BYTES;
}

/* Process every record of b with worker w (any thread). */
static void batch_process(const struct loop *L, struct pipeline_worker *w, struct strbuf *ex,
			  struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->it[i];
		struct record rec;
		char msg[256];
		cJSON *obj = NULL;
		memset(&rec, 0, sizeof rec);
		rec.line = it->line;
		if (it->kind == ITEM_RAW) {
			rec.raw = b->in.buf + it->off;
			rec.rawlen = it->len;
			if (record_parse_json(rec.raw, rec.rawlen, &obj, msg, sizeof msg) != REC_OK) {
				rec.error = msg;
				rec.bad = rec.raw;
				rec.badlen = rec.rawlen;
			}
		} else if (it->kind == ITEM_OBJ) {
			obj = it->obj;
			it->obj = NULL;
			it->kind = ITEM_RAW; /* nothing left to free */
		} else {
			rec.error = b->in.buf + it->msg;
			rec.bad = b->in.buf + it->off;
			rec.badlen = it->len;
		}
		if (!obj) {
			sb_addf(&b->err, "notemine: %s:%ld: %s\n", b->name, rec.line, rec.error);
			b->rc = 1;
			if (!L->c->skip_bad)
				pipeline_bad(L->p, &rec, &b->out);
			continue;
		}
		rec.obj = obj;
		if (L->c->po.explain) {
			sb_reset(ex);
			sb_addf(ex, "== %s:%ld\n", b->name, rec.line);
			pipeline_process(w, &rec, &b->out, ex);
			sb_add(&b->err, ex->buf, ex->len);
		} else {
			pipeline_process(w, &rec, &b->out, NULL);
		}
		cJSON_Delete(obj);
	}
}

static void *worker_main(void *arg)
{
	struct loop *L = arg;
	struct pipeline_worker *w = pipeline_worker_new(L->p);
	struct strbuf ex = STRBUF_INIT;
	pthread_mutex_lock(&L->mu);
	for (;;) {
		struct batch *b;
		while (!L->quit && L->take_seq == L->fill_seq)
			pthread_cond_wait(&L->work, &L->mu);
		if (L->take_seq == L->fill_seq)
			break; /* quit and nothing left */
		b = &L->ring[(size_t)L->take_seq % L->nslot];
		L->take_seq++;
		b->state = B_TAKEN;
		pthread_mutex_unlock(&L->mu);
		batch_process(L, w, &ex, b);
		pthread_mutex_lock(&L->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&L->done);
	}
	pthread_mutex_unlock(&L->mu);
	sb_release(&ex);
	pipeline_worker_free(w);
	nm_thread_release(); /* the analysers' per-thread scratch, before the thread ends */
	return NULL;
}

static void progress_show(struct loop *L, size_t cur, int final)
{
	struct progress *pr = &L->pr;
	double now = nm_now(), secs = now - pr->start;
	size_t bytes = pr->done_bytes + cur;
	double mb = (double)bytes / 1e6, rate = secs > 0 ? mb / secs : 0;
	char eta[64] = "";
	if (!pr->on || (!final && now - pr->last < (pr->tty ? 0.25 : 2.0)))
		return;
	pr->last = now;
	if (!final && pr->total && rate > 0 && bytes <= pr->total) {
		double left = (double)(pr->total - bytes) / 1e6 / rate;
		snprintf(eta, sizeof eta, ", %.0f%%, ETA %d:%02d",
			 100.0 * (double)bytes / (double)pr->total, (int)(left / 60),
			 (int)left % 60);
	}
	fprintf(stderr, "%snotemine: %ld records, %.1f MB, %.1f MB/s%s%s", pr->tty ? "\r" : "",
		pr->records, mb, rate, eta, pr->tty ? "\033[K" : "\n");
	pr->shown = pr->tty;
	if (final && pr->tty) {
		fputc('\n', stderr);
		pr->shown = 0;
	}
}

/* Write a finished batch (main thread). */
static void batch_write(struct loop *L, struct batch *b)
{
	if (b->err.len) {
		if (L->pr.shown) {
			fputs("\r\033[K", stderr);
			L->pr.shown = 0;
		}
		fwrite(b->err.buf, 1, b->err.len, stderr);
	}
	if (b->rc > L->rc)
		L->rc = b->rc;
	if (L->rc < 2 && b->out.len && flush_out(&b->out) < 0)
		L->rc = 2;
	batch_clear(b);
	b->state = B_FREE;
	L->write_seq++;
}

/* The slot for the next batch to fill, written out first if it still holds a batch. */
static struct batch *batch_acquire(struct loop *L, const char *name)
{
	struct batch *b = &L->ring[(size_t)L->fill_seq % L->nslot];
	if (L->threaded) {
		pthread_mutex_lock(&L->mu);
		while (b->state != B_FREE && b->state != B_DONE)
			pthread_cond_wait(&L->done, &L->mu);
		pthread_mutex_unlock(&L->mu);
	}
	if (b->state == B_DONE)
		batch_write(L, b);
	b->seq = L->fill_seq;
	b->name = name;
	return b;
}

static void batch_submit(struct loop *L, struct batch *b)
{
	if (!L->threaded) {
		batch_process(L, L->inline_w, &L->inline_ex, b);
		L->fill_seq++;
		b->state = B_DONE;
		batch_write(L, b);
		if (L->inline_ex.cap > BATCH_KEEP)
			sb_release(&L->inline_ex);
		return;
	}
	pthread_mutex_lock(&L->mu);
	b->state = B_FILLED;
	L->fill_seq++;
	pthread_cond_signal(&L->work);
	pthread_mutex_unlock(&L->mu);
}

/* Add the record just read to b. */
static void batch_add(struct reader *r, struct batch *b, int got, const struct record *rec)
{
	struct item *it;
	if (got == REC_BAD) {
		it = batch_push(b, ITEM_BAD, rec->line);
		it->msg = b->in.len;
		sb_add(&b->in, rec->error, strlen(rec->error) + 1);
		it->off = b->in.len;
		it->len = rec->badlen;
		sb_add(&b->in, rec->bad ? rec->bad : "", rec->badlen);
	} else if (!rec->obj) {
		it = batch_push(b, ITEM_RAW, rec->line);
		it->off = b->in.len;
		it->len = rec->rawlen;
		sb_add(&b->in, rec->raw, rec->rawlen);
	} else {
		it = batch_push(b, ITEM_OBJ, rec->line);
		it->obj = reader_detach(r);
	}
}

/* Wait for every batch in flight and write them, in order (main thread). */
static void drain_all(struct loop *L)
{
	while (L->write_seq < L->fill_seq) {
		struct batch *b = &L->ring[(size_t)L->write_seq % L->nslot];
		if (L->threaded) {
			pthread_mutex_lock(&L->mu);
			while (b->state != B_DONE)
				pthread_cond_wait(&L->done, &L->mu);
			pthread_mutex_unlock(&L->mu);
		}
		batch_write(L, b);
	}
}

static int want_jobs(int jobs)
{
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (int)(n > 256 ? 256 : n) : 1;
	}
	return jobs;
}

/* Whether the input is (partly) standard input fed by a pipe: a later stage of
 * `notemine tokenize F | notemine classify | notemine score` shares the terminal with the
 * first one, so by default only the first stage shows progress. */
static int reads_pipe(char **files, int nfiles)
{
	struct stat st;
	for (int f = 0; f < nfiles; f++)
		if (!strcmp(files[f], "-") && fstat(0, &st) == 0 && S_ISFIFO(st.st_mode))
			return 1;
	return 0;
}

static void progress_init(struct progress *pr, const struct cli *c, char **files, int nfiles)
{
	memset(pr, 0, sizeof *pr);
	pr->tty = isatty(2);
	pr->on = c->progress > 0 || (c->progress < 0 && pr->tty && !reads_pipe(files, nfiles));
	pr->start = pr->last = nm_now();
	for (int f = 0; f < nfiles; f++) {
		struct stat st;
		if (!strcmp(files[f], "-") || stat(files[f], &st) < 0 || !S_ISREG(st.st_mode)) {
			pr->total = 0;
			return;
		}
		pr->total += (size_t)st.st_size;
	}
}

int cli_run_stages(struct cli *c)
{
	struct loop L;
	struct strbuf head = STRBUF_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files = c->nfiles ? c->files : stdin_only;
	int nfiles = c->nfiles ? c->nfiles : 1, jobs = want_jobs(c->jobs), nthreads = 0;
	pthread_t *th = NULL;
	char **names = xcalloc((size_t)nfiles, sizeof *names);

	memset(&L, 0, sizeof L);
	L.c = c;
	if (!(L.p = pipeline_new(&c->po))) {
		free(names);
		free(c->files);
		return 2;
	}
	progress_init(&L.pr, c, files, nfiles);
	pipeline_header(L.p, &head);
	if (flush_out(&head) < 0)
		L.rc = 2;
	sb_release(&head);
	L.threaded = jobs > 1;
	L.nslot = L.threaded ? 2 * (size_t)jobs + 2 : 1;
	L.ring = xcalloc(L.nslot, sizeof *L.ring);
	pthread_mutex_init(&L.mu, NULL);
	pthread_cond_init(&L.work, NULL);
	pthread_cond_init(&L.done, NULL);
	if (L.threaded) {
		th = xcalloc((size_t)jobs, sizeof *th);
		for (; nthreads < jobs; nthreads++)
			if (pthread_create(&th[nthreads], NULL, worker_main, &L)) {
				error("cannot start worker thread %d", nthreads + 1);
				break;
			}
		if (!nthreads)
			L.threaded = 0;
	}
	if (!L.threaded)
		L.inline_w = pipeline_worker_new(L.p);

	for (int f = 0; f < nfiles && L.rc < 2; f++) {
		struct reader *r = reader_open(files[f], c->input, c->encoding);
		struct record rec;
		struct batch *b;
		int got;
		if (!r) {
			L.rc = 2;
			continue;
		}
		names[f] = xstrdup(reader_name(r));
		reader_set_deferred(r, 1);
		b = batch_acquire(&L, names[f]);
		while (L.rc < 2) {
			if (b->n && reader_would_block(r)) {
				/* a live stream paused: put out what we have before waiting */
				batch_submit(&L, b);
				drain_all(&L);
				b = batch_acquire(&L, names[f]);
			}
			if ((got = reader_next(r, &rec)) == REC_EOF)
				break;
			if (got == REC_IOERR) {
				L.rc = 2;
				break;
			}
			batch_add(r, b, got, &rec);
			L.pr.records++;
			if (batch_full(b)) {
				batch_submit(&L, b);
				progress_show(&L, reader_offset(r), 0);
				b = batch_acquire(&L, names[f]);
			}
		}
		if (b->n)
			batch_submit(&L, b);
		L.pr.done_bytes += reader_offset(r);
		reader_close(r);
	}
	drain_all(&L); /* what is still in flight, in order */
	progress_show(&L, 0, 1);
	pthread_mutex_lock(&L.mu);
	L.quit = 1;
	pthread_cond_broadcast(&L.work);
	pthread_mutex_unlock(&L.mu);
	for (int i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	for (size_t i = 0; i < L.nslot; i++) {
		batch_clear(&L.ring[i]);
		sb_release(&L.ring[i].in);
		sb_release(&L.ring[i].out);
		sb_release(&L.ring[i].err);
		free(L.ring[i].it);
	}
	free(L.ring);
	free(th);
	pthread_mutex_destroy(&L.mu);
	pthread_cond_destroy(&L.work);
	pthread_cond_destroy(&L.done);
	pipeline_worker_free(L.inline_w);
	sb_release(&L.inline_ex);
	pipeline_free((struct pipeline *)L.p);
	for (int f = 0; f < nfiles; f++)
		free(names[f]);
	free(names);
	free(c->files);
	return L.rc;
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
			 "share, category, audience). Uses \"tokens\", \"sentiment\" and \"note_type\" of\n"
			 "earlier stages when present.\n\n"
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
