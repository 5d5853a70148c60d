/*
 * cmd-lexicon.c - `notemine lexicon SUBCOMMAND`: check, stats, new-category, discover,
 * compile. Every subcommand loads the shipped lexicons (--lexicon-root DIR, else
 * lex_default_root()) and then each -L DIR overlay, in order.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "category.h"
#include "cmd.h"
#include "discover.h"
#include "lexicon.h"
#include "normalize.h"
#include "record.h"
#include "segdict.h"
#include "utf8.h"
#include "util.h"

#define JIEBA_DICT "/usr/lib/python3/dist-packages/jieba/dict.txt"

static const char lexicon_usage[] =
	"usage: notemine lexicon SUBCOMMAND [options] [ARGS]\n"
	"\n"
	"Subcommands:\n"
	"  check [DIR|FILE...]     validate lexicons (no argument: the shipped ones and every -L)\n"
	"  stats                   count entries per kind and per category pack\n"
	"  list [KIND...]          print the entries in effect (after overrides and deletes)\n"
	"  new-category NAME DIR   scaffold a documented category pack DIR/categories/NAME.tsv\n"
	"  discover FILE...        candidate new words of a dump, as TSV ready for a pack\n"
	"  compile                 build the compiled dictionary cache now\n"
	"\n"
	"Options for every subcommand:\n"
	"  -L, --lexicons DIR      overlay a lexicon folder on the shipped ones (repeatable)\n"
	"  --lexicon-root DIR      the shipped lexicons (default: next to the binary, or\n"
	"                          $NOTEMINE_LEXICONS)\n"
	"  --no-t2s                do not fold traditional to simplified Chinese (as the\n"
	"                          stage commands' --no-t2s)\n"
	"  -h, --help              this help ('notemine lexicon SUBCOMMAND --help' for more)\n"
	"\n"
	"Exit codes: 0 ok; 1 discover: some input records were bad (reported, skipped);\n"
	"2 usage, I/O or lexicon error (check: any error found).\n";

static const char check_usage[] =
	"usage: notemine lexicon check [-L DIR]... [--strict] [-v] [DIR|FILE...]\n"
	"\n"
	"Validate lexicon files: UTF-8, column counts, numbers in weight/freq columns, values of\n"
	"enumerated columns, patterns that must compile, entries repeated in a file or across\n"
	"files (warnings), conflicting entries in one file and '!term' lines that delete\n"
	"nothing (errors). Messages name FILE:LINE.\n"
	"\n"
	"Without arguments the shipped lexicons and every -L folder are checked. Arguments may\n"
	"be lexicon roots, kind folders (.../sentiment), category pack folders or single .tsv\n"
	"files (the kind comes from the folder name); the shipped lexicons and -L folders are\n"
	"then loaded first as context (so '!term' can delete a shipped term), and only the\n"
	"named files are reported on.\n"
	"\n"
	"  --strict    warnings count as errors\n"
	"  -v          also note every entry that overrides one of another file\n"
	"\n"
	"Exit codes: 0 clean (warnings allowed unless --strict); 2 errors found.\n";

static const char stats_usage[] =
	"usage: notemine lexicon stats [-L DIR]... [--files]\n"
	"\n"
	"Print TSV: kind, pack, entries, patterns, files; one line per kind, one per category\n"
	"pack, and a total. --files adds one line per source file.\n";

static const char list_usage[] =
	"usage: notemine lexicon list [-L DIR]... [KIND...]\n"
	"\n"
	"Print the entries in effect after every override and delete, as TSV: kind, pack (the\n"
	"category, else the file's name), the columns as written, and FILE:LINE of the entry.\n"
	"No KIND: every kind.\n";

static const char newcat_usage[] =
	"usage: notemine lexicon new-category NAME DIR\n"
	"\n"
	"Create DIR/categories/NAME.tsv: a documented, empty category pack with commented\n"
	"examples of each column. Add one term a line, then use it with any command:\n"
	"  notemine run -L DIR notes.jsonl\n"
	"The pack's terms are kept whole in tokens, and notes that use them are assigned to\n"
	"category NAME. An existing file is never overwritten.\n";

static const char discover_usage[] =
	"usage: notemine lexicon discover [options] FILE...\n"
	"\n"
	"Read notes (JSON Lines, JSON array, CSV; text as the pipeline takes it: title + desc,\n"
	"else content, else text) and print candidate new words that neither the dictionary nor\n"
	"the lexicons know, best first, as TSV:\n"
	"  term  freq  cohesion  left_entropy  right_entropy  example\n"
	"A '#' header line names the columns; `cut -f1,2` gives segment-pack lines (term, freq).\n"
	"\n"
	"  -n, --top N          how many to print (default 200; 0: all)\n"
	"  --min-freq N         minimum occurrences (default 5)\n"
	"  --min-df N           minimum number of distinct notes (default 3)\n"
	"  --min-entropy X      minimum of left and right entropy, bits (default 1.0)\n"
	"  --min-cohesion X     minimum cohesion (default 20)\n"
	"  --max-len N          longest n-gram, 2..6 characters (default 6)\n"
	"  --max-chars N        read at most N million Han characters (default 16; memory\n"
	"                       is about 20 bytes a character)\n"
	"  --dict PATH|none     base dictionary (default: the segmenter's)\n"
	"  --field NAME         take the text from field NAME (repeatable)\n"
	"  --input FORMAT       jsonl, json, csv, text (default: auto)\n"
	"  --text               plain text: each line is one note (same as --input text)\n"
	"  --no-example         leave the example column empty\n";

static const char compile_usage[] =
	"usage: notemine lexicon compile [-L DIR]... [--dict PATH] [--user-dict PATH]...\n"
	"                                [--cache-dir DIR]\n"
	"\n"
	"Build (or find) the compiled dictionary for the base dictionary plus every lexicon term,\n"
	"in the cache ($XDG_CACHE_HOME/notemine, else ~/.cache/notemine). Every command does this\n"
	"on demand when a source changed; compile does it ahead of time and reports it.\n";

struct lexcli {
	const char *root;
	const char *lex[32];
	int nlex;
	const char *dict;
	const char *user[32];
	int nuser;
	const char *cache_dir;
	const char *fields[16];
	int nfields;
	int input;
	int strict, verbose, files, no_example, no_t2s;
	long top, min_freq, min_df, max_len, max_chars;
	double min_entropy, min_cohesion;
	char **args;
	int nargs;
};

static int want_arg(int i, int argc, char **argv)
{
	if (i + 1 >= argc)
		return error("option %s needs an argument", argv[i]);
	return 0;
}

static int parse_long(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < lo || v > hi)
		return error("%s: bad number '%s' (%ld to %ld)", opt, s, lo, hi);
	*out = v;
	return 0;
}

static int parse_double(const char *opt, const char *s, double *out)
{
	if (lex_weight(s, 0, out) < 0 || !*s)
		return error("%s: bad number '%s'", opt, s);
	return 0;
}

/* Parse the options of a subcommand (argv[0] is its name). Returns 0, 1 after --help, or
 * -1 after a usage error. */
static int parse(struct lexcli *c, int argc, char **argv, const char *usage)
{
	int only_args = 0;
	memset(c, 0, sizeof *c);
	c->top = 200;
	c->min_freq = 5;
	c->min_df = 3;
	c->max_len = DISCOVER_MAXLEN;
	c->max_chars = 16;
	c->min_entropy = 1.0;
	c->min_cohesion = 20;
	c->args = xcalloc((size_t)argc + 1, sizeof *c->args);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			c->args[c->nargs++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 1;
		} else if (!strcmp(a, "-L") || !strcmp(a, "--lexicons")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			if (c->nlex >= (int)NM_ARRAY_LEN(c->lex))
				return error("too many -L folders");
			c->lex[c->nlex++] = argv[++i];
		} else if (!strcmp(a, "--lexicon-root")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			c->root = argv[++i];
		} else if (!strcmp(a, "--dict")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			c->dict = argv[++i];
		} else if (!strcmp(a, "--user-dict")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			if (c->nuser >= (int)NM_ARRAY_LEN(c->user))
				return error("too many --user-dict files");
			c->user[c->nuser++] = argv[++i];
		} else if (!strcmp(a, "--cache-dir")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			c->cache_dir = argv[++i];
		} else if (!strcmp(a, "--field")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			if (c->nfields >= (int)NM_ARRAY_LEN(c->fields))
				return error("too many --field options");
			c->fields[c->nfields++] = argv[++i];
		} else if (!strcmp(a, "--input")) {
			if (want_arg(i, argc, argv) < 0)
				return -1;
			if ((c->input = input_format_parse(argv[++i])) < 0)
				return error("--input: unknown format '%s'", argv[i]);
		} else if (!strcmp(a, "--text")) {
			c->input = INPUT_TEXT;
		} else if (!strcmp(a, "--strict")) {
			c->strict = 1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			c->verbose = 1;
		} else if (!strcmp(a, "--files")) {
			c->files = 1;
		} else if (!strcmp(a, "--no-t2s")) {
			c->no_t2s = 1;
		} else if (!strcmp(a, "--no-example")) {
			c->no_example = 1;
		} else if (!strcmp(a, "-n") || !strcmp(a, "--top")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_long(a, argv[i + 1], 0, 10000000, &c->top) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--min-freq")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_long(a, argv[i + 1], 1, 1000000000, &c->min_freq) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--min-df")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_long(a, argv[i + 1], 1, 1000000000, &c->min_df) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--max-len")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_long(a, argv[i + 1], 2, DISCOVER_MAXLEN, &c->max_len) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--max-chars")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_long(a, argv[i + 1], 1, 4000, &c->max_chars) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--min-entropy")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_double(a, argv[i + 1], &c->min_entropy) < 0)
				return -1;
			i++;
		} else if (!strcmp(a, "--min-cohesion")) {
			if (want_arg(i, argc, argv) < 0 ||
			    parse_double(a, argv[i + 1], &c->min_cohesion) < 0)
				return -1;
			i++;
		} else {
			return error("%s: unknown option '%s' (see --help)", argv[0], a);
		}
	}
	return 0;
}

/* The shipped root followed by the -L folders. Returns the count. */
static size_t base_sources(const struct lexcli *c, const char **src)
{
	size_t n = 0;
	src[n++] = c->root ? c->root : lex_default_root();
	for (int i = 0; i < c->nlex; i++)
		src[n++] = c->lex[i];
	return n;
}

/* Load the shipped lexicons and the overlays; 0 or -1 (errors reported). */
static int load_base(const struct lexcli *c, struct lexset *ls)
{
	const char *src[40];
	size_t n = base_sources(c, src);
	return lexset_load(ls, src, n);
}

static int flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return error("write error on standard output: %s", strerror(errno)) < 0 ? 2 : 2;
	return 0;
}

/* ---- check ---- */

static int lex_check(struct lexcli *c)
{
	const char *src[80];
	size_t n = base_sources(c, src), quiet = 0, files = 0, rows = 0;
	struct lex_load_opts o;
	struct lexset ls;
	static char real[40][PATH_MAX];
	const char *skip[40];
	size_t nreal = 0;
	int rc, nwarn;

	memset(&o, 0, sizeof o);
	if (c->nargs) {
		/* the shipped lexicons and -L folders are context; a checked file that is part
		 * of them is skipped there and loaded in its own turn */
		quiet = n;
		for (int i = 0; i < c->nargs && n < NM_ARRAY_LEN(src); i++) {
			src[n++] = c->args[i];
			if (nreal < NM_ARRAY_LEN(skip) && realpath(c->args[i], real[nreal]))
				skip[nreal] = real[nreal], nreal++;
		}
		o.skip = skip;
		o.nskip = nreal;
	}
	o.check = 1;
	o.quiet = quiet;
	o.verbose = c->verbose;
	rc = lexset_load_paths(&ls, src, n, &o);
	for (size_t k = 0; k < ls.nkinds; k++) {
		files += (size_t)ls.kind[k].nfiles;
		rows += ls.kind[k].n;
	}
	fprintf(stderr, "notemine: lexicon check: %zu files, %zu entries: %d error%s, %d warning%s\n",
		files, rows, ls.nerrors, ls.nerrors == 1 ? "" : "s", ls.nwarnings,
		ls.nwarnings == 1 ? "" : "s");
	nwarn = ls.nwarnings;
	lexset_release(&ls);
	if (rc < 0 || (c->strict && nwarn))
		return 2;
	return 0;
}

/* ---- stats ---- */

struct count {
	const char *name;
	size_t n, pat;
	int files;
};

static struct count *count_get(struct count **v, size_t *nv, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *nv; i++)
		if (!strcmp((*v)[i].name, name))
			return &(*v)[i];
	NM_GROW(*v, *cap, *nv + 1);
	memset(&(*v)[*nv], 0, sizeof **v);
	(*v)[*nv].name = name;
	return &(*v)[(*nv)++];
}

static int lex_stats(struct lexcli *c)
{
	struct lexset ls;
	size_t total = 0, totpat = 0;
	int totfiles = 0;
	if (load_base(c, &ls) < 0) {
		lexset_release(&ls);
		return 2;
	}
	printf("kind\tpack\tentries\tpatterns\tfiles\n");
	for (size_t k = 0; k < ls.nkinds; k++) {
		const struct lex_kind *kd = &ls.kind[k];
		int cats = !strcmp(kd->spec->kind, "categories");
		struct count *packs = NULL, *files = NULL;
		size_t np = 0, capp = 0, nf = 0, capf = 0, pat = 0;
		for (size_t i = 0; i < kd->n; i++) {
			const struct lex_row *r = &kd->row[i];
			struct count *p;
			pat += r->is_pattern != 0;
			if (cats) {
				p = count_get(&packs, &np, &capp, r->group);
				p->n++;
				p->pat += r->is_pattern != 0;
			}
			p = count_get(&files, &nf, &capf, r->file);
			p->n++;
			p->pat += r->is_pattern != 0;
		}
		printf("%s\t\t%zu\t%zu\t%d\n", kd->spec->kind, kd->n, pat, kd->nfiles);
		for (size_t i = 0; i < np; i++)
			printf("%s\t%s\t%zu\t%zu\t\n", kd->spec->kind, packs[i].name, packs[i].n,
			       packs[i].pat);
		if (c->files)
			for (size_t i = 0; i < nf; i++)
				printf("%s\t%s\t%zu\t%zu\t1\n", kd->spec->kind, files[i].name, files[i].n,
				       files[i].pat);
		total += kd->n;
		totpat += pat;
		totfiles += kd->nfiles;
		free(packs);
		free(files);
	}
	printf("total\t\t%zu\t%zu\t%d\n", total, totpat, totfiles);
	lexset_release(&ls);
	return flush_stdout();
}

/* ---- list ---- */

static int lex_list(struct lexcli *c)
{
	struct lexset ls;
	struct strbuf out = STRBUF_INIT;
	int rc = 0;
	for (int i = 0; i < c->nargs; i++)
		if (!lex_spec_find(c->args[i])) {
			error("list: unknown kind '%s'", c->args[i]);
			return 2;
		}
	if (load_base(c, &ls) < 0) {
		lexset_release(&ls);
		return 2;
	}
	for (size_t k = 0; k < ls.nkinds; k++) {
		const struct lex_kind *kd = &ls.kind[k];
		int want = !c->nargs;
		for (int i = 0; i < c->nargs; i++)
			want |= !strcmp(c->args[i], kd->spec->kind);
		if (!want)
			continue;
		for (size_t i = 0; i < kd->n; i++) {
			const struct lex_row *r = &kd->row[i];
			sb_addf(&out, "%s\t%s\t%s%s", kd->spec->kind, r->group,
				r->is_pattern ? "re:" : "", r->term);
			for (int j = 1; j < r->ncol && j < LEX_MAXCOL; j++)
				sb_addf(&out, "\t%s", r->col[j]);
			sb_addf(&out, "\t%s:%d\n", r->file, r->line);
			if (out.len > 65536) {
				if (fwrite(out.buf, 1, out.len, stdout) != out.len)
					break;
				sb_reset(&out);
			}
		}
	}
	if (out.len && fwrite(out.buf, 1, out.len, stdout) != out.len)
		rc = error("write error on standard output: %s", strerror(errno)) < 0 ? 2 : 2;
	sb_release(&out);
	lexset_release(&ls);
	return rc ? rc : flush_stdout();
}

/* ---- new-category ---- */

static int valid_name(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64 || s[0] == '.' || s[0] == '-' || utf8_check(s, n) < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch <= ' ' || ch == '/' || ch == '\\' || ch == 0x7f || ch == '#' || ch == '!')
			return 0;
	}
	return 1;
}

static int mkdir_p(const char *dir)
{
	char buf[PATH_MAX];
	size_t n = strlen(dir);
	if (n >= sizeof buf)
		return error("%s: path too long", dir);
	memcpy(buf, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i])
			continue;
		buf[i] = 0;
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return error("%s: %s", buf, strerror(errno));
		buf[i] = dir[i];
	}
	return 0;
}

static void scaffold(struct strbuf *sb, const char *name)
{
	sb_addf(sb,
		"# Category pack \"%s\" for notemine (created by `notemine lexicon new-category`).\n"
		"#\n"
		"# Columns (TAB-separated): %s\n"
		"# A line may hold just the term: role then defaults to word, weight to 1.\n"
		"#   term    a word of this category: product, brand, ingredient, place, slang.\n"
		"#           Kept whole by the tokenizer; full-width and traditional forms match.\n"
		"#   role    word      counts as evidence that a note is about %s (default)\n"
		"#           audience  names who the note speaks to (reported in sips.audience)\n"
		"#           sentiment a sentiment weight that holds in this category only\n"
		"#   weight  a number: how strong the evidence is (word, audience; default 1), or\n"
		"#           the sentiment weight (role sentiment; negative is bad)\n"
		"# '#' starts a comment; '!term' deletes a term an earlier file defined.\n"
		"# Check it:  notemine lexicon check -L DIR   (DIR: the folder holding categories/)\n"
		"# Use it:    notemine run -L DIR notes.jsonl\n"
		"#\n"
		"# Examples (remove the '# ' to use; these are for a pet-food pack):\n"
		"# 猫粮\n"
		"# 冻干\tword\t2\n"
		"# 主食罐\tword\n"
		"# 铲屎官\taudience\n"
		"# 挑食\tsentiment\t-1\n"
		"# 适口性好\tsentiment\t2\n"
		"\n",
		name, category_lex_spec.columns, name);
}

static int lex_new_category(struct lexcli *c)
{
	struct strbuf path = STRBUF_INIT, dir = STRBUF_INIT, text = STRBUF_INIT;
	struct stat st;
	FILE *f;
	int rc = 2;
	if (c->nargs != 2) {
		error("new-category: want NAME and DIR (see --help)");
		return 2;
	}
	if (!valid_name(c->args[0])) {
		error("new-category: bad category name '%s' (no spaces, '/', '#', '!' or leading "
		      "'.' or '-'; at most 64 bytes)",
		      c->args[0]);
		return 2;
	}
	sb_addf(&dir, "%s/categories", c->args[1]);
	sb_addf(&path, "%s/%s.tsv", dir.buf, c->args[0]);
	if (stat(path.buf, &st) == 0) {
		error("%s: already exists (not overwritten)", path.buf);
		goto out;
	}
	if (mkdir_p(dir.buf) < 0)
		goto out;
	scaffold(&text, c->args[0]);
	f = fopen(path.buf, "wx");
	if (!f) {
		error("%s: %s", path.buf, strerror(errno));
		goto out;
	}
	if (fwrite(text.buf, 1, text.len, f) != text.len || fclose(f) != 0) {
		error("%s: write error", path.buf);
		goto out;
	}
	printf("created %s\n"
	       "next: add one term a line, then\n"
	       "  notemine lexicon check -L %s\n"
	       "  notemine run -L %s notes.jsonl\n",
	       path.buf, c->args[1], c->args[1]);
	rc = flush_stdout();
out:
	sb_release(&path);
	sb_release(&dir);
	sb_release(&text);
	return rc;
}

/* ---- discover ---- */

static const char *str_field(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

/* The analysis text of a record, as the pipeline builds it. */
static void record_text(const struct lexcli *c, const cJSON *obj, struct strbuf *sb)
{
	const char *t, *d;
	sb_reset(sb);
	if (c->nfields) {
		for (int i = 0; i < c->nfields; i++) {
			if (!(t = str_field(obj, c->fields[i])))
				continue;
			if (sb->len)
				sb_addc(sb, '\n');
			utf8_repair(sb, t, strlen(t));
		}
		return;
	}
	t = str_field(obj, "title");
	d = str_field(obj, "desc");
	if (t || d) {
		if (t && *t)
			utf8_repair(sb, t, strlen(t));
		if (d && *d) {
			if (sb->len)
				sb_addc(sb, '\n');
			utf8_repair(sb, d, strlen(d));
		}
		return;
	}
	if ((t = str_field(obj, "content")) || (t = str_field(obj, "text")))
		utf8_repair(sb, t, strlen(t));
}

static void tsv_field(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		sb_addc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int lex_discover(struct lexcli *c)
{
	struct lexset ls;
	struct segdict *dict = NULL;
	struct segdict_opts so;
	struct discover_opts o;
	struct discover *d = NULL;
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	const struct discover_word *w;
	size_t nw;
	int rc = 2, bad = 0;

	if (!c->nargs) {
		error("discover: no input FILE (see --help)");
		return 2;
	}
	if (load_base(c, &ls) < 0)
		goto out;
	memset(&so, 0, sizeof so);
	so.dict_path = c->dict;
	so.ls = &ls;
	so.t2s = !c->no_t2s;
	if (segdict_open(&dict, &so) < 0)
		goto out;
	discover_opts_init(&o);
	o.dict = dict;
	/* segdict leaves some base words out on purpose (granularity); they are known all the
	 * same */
	if (c->dict && strcmp(c->dict, "none"))
		o.word_list = c->dict;
	else if (!c->dict && access(JIEBA_DICT, R_OK) == 0)
		o.word_list = JIEBA_DICT;
	o.ls = &ls;
	o.max_len = (int)c->max_len;
	o.min_freq = (unsigned)c->min_freq;
	o.min_df = (unsigned)c->min_df;
	o.min_entropy = c->min_entropy;
	o.min_cohesion = c->min_cohesion;
	o.max_chars = (size_t)c->max_chars << 20;
	if (!(d = discover_new(&o)))
		goto out;
	for (int i = 0; i < c->nargs; i++) {
		struct reader *r = reader_open(c->args[i], (enum input_format)c->input, NULL);
		struct record rec;
		const char *author;
		int got;
		if (!r)
			goto out;
		while ((got = reader_next(r, &rec)) != REC_EOF) {
			if (got == REC_IOERR) {
				reader_close(r);
				goto out;
			}
			if (got == REC_BAD) {
				error("%s:%ld: %s", reader_name(r), rec.line, rec.error);
				bad = 1;
				continue;
			}
			record_text(c, rec.obj, &text);
			author = str_field(rec.obj, "creator_hash");
			if (!author)
				author = str_field(rec.obj, "user_id");
			discover_add_by(d, text.buf ? text.buf : "", text.len, author);
		}
		reader_close(r);
	}
	discover_run(d, &w, &nw);
	sb_addf(&out, "# term\tfreq\tcohesion\tleft_entropy\tright_entropy\texample"
		      "\t(notemine lexicon discover: %zu note%s, %zu Han characters)\n",
		discover_nnotes(d), discover_nnotes(d) == 1 ? "" : "s", discover_nchars(d));
	for (size_t i = 0; i < nw && (!c->top || i < (size_t)c->top); i++) {
		sb_adds(&out, w[i].term);
		sb_addf(&out, "\t%u\t%.1f\t%.2f\t%.2f\t", w[i].freq, w[i].cohesion,
			w[i].left_entropy, w[i].right_entropy);
		if (!c->no_example && w[i].example)
			tsv_field(&out, w[i].example);
		sb_addc(&out, '\n');
	}
	if (fwrite(out.buf, 1, out.len, stdout) != out.len) {
		error("write error on standard output: %s", strerror(errno));
		goto out;
	}
	rc = flush_stdout();
	if (!rc && bad)
		rc = 1;
out:
	discover_free(d);
	segdict_free(dict);
	if (ls.kind)
		lexset_release(&ls);
	sb_release(&text);
	sb_release(&out);
	return rc;
}

/* ---- compile ---- */

static int lex_compile(struct lexcli *c)
{
	struct lexset ls;
	struct segdict *dict = NULL;
	struct segdict_opts so;
	double t0 = nm_now();
	if (load_base(c, &ls) < 0) {
		lexset_release(&ls);
		return 2;
	}
	memset(&so, 0, sizeof so);
	so.dict_path = c->dict;
	so.user_dicts = c->user;
	so.n_user_dicts = (size_t)c->nuser;
	so.ls = &ls;
	so.t2s = !c->no_t2s;
	so.cache_dir = c->cache_dir;
	so.verbose = 1;
	if (segdict_open(&dict, &so) < 0) {
		lexset_release(&ls);
		return 2;
	}
	if (dict)
		printf("dictionary: %zu words, %s in %.0f ms\n", segdict_nwords(dict),
		       segdict_from_cache(dict) ? "mapped from the cache" : "compiled",
		       (nm_now() - t0) * 1000);
	else
		printf("no base dictionary: nothing to compile\n");
	segdict_free(dict);
	lexset_release(&ls);
	return flush_stdout();
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*fn)(struct lexcli *c);
	const char *usage;
} subs[] = {
	{ "check", lex_check, check_usage },
	{ "stats", lex_stats, stats_usage },
	{ "list", lex_list, list_usage },
	{ "new-category", lex_new_category, newcat_usage },
	{ "discover", lex_discover, discover_usage },
	{ "compile", lex_compile, compile_usage },
};

int cmd_lexicon(int argc, char **argv)
{
	struct lexcli c;
	const char *name;
	int rc;
	if (argc < 2) {
		fputs(lexicon_usage, stderr);
		return 2;
	}
	name = argv[1];
	if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
		fputs(lexicon_usage, stdout);
		return flush_stdout();
	}
	for (size_t i = 0; i < NM_ARRAY_LEN(subs); i++) {
		if (strcmp(name, subs[i].name))
			continue;
		rc = parse(&c, argc - 1, argv + 1, subs[i].usage);
		if (rc == 0) {
			norm_init(!c.no_t2s);
			rc = subs[i].fn(&c);
		} else {
			rc = rc > 0 ? flush_stdout() : 2;
		}
		free(c.args);
		return rc;
	}
	error("lexicon: unknown subcommand '%s' (see 'notemine lexicon --help')", name);
	return 2;
}
