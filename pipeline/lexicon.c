/*
 * lexicon.c - see lexicon.h.
 *
 * Loading: for each source (a root, a kind folder, a pack folder or one file), for each
 * kind it holds, the kind's *.tsv files sorted by name (categories: also one folder per
 * pack). Each file is read in one go and kept: its line ends and TABs become NULs and the
 * rows point into it; normalised keys, file and pack names go to an arena (16 KiB blocks),
 * so loading allocates per file, not per line. Keys are "<group>\t" (categories only) +
 * the normalised key columns joined by TAB; a missing enumerated key column counts as its
 * first listed value. Deleted rows are compacted away once everything is loaded and the
 * index rebuilt (only then: without deletes the index built while loading is right).
 *
 * The generic column checks come from the spec's column list, parsed once per kind into
 * struct colinfo (name, numeric, enumerated values).
 */
#include "lexicon.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcre2.h>

#include "category.h"
#include "normalize.h"
#include "notetype.h"
#include "resonance.h"
#include "sentiment.h"
#include "sips.h"
#include "utf8.h"
#include "util.h"

static int validate_segment(const struct lex_row *r, struct strbuf *err)
{
	double f;
	if (r->ncol > 1 && lex_weight(r->col[1], 1, &f) == 0 && f < 0) {
		sb_addf(err, "negative frequency '%s'", r->col[1]);
		return -1;
	}
	return 0;
}

const struct lex_spec segment_lex_spec = {
	"segment", 1, 3, 1, 0, "term, freq (default: a common word's), tag (jieba part of speech)",
	validate_segment,
};

const struct lex_spec *const lex_specs[] = {
	&segment_lex_spec, &sentiment_lex_spec, &notetype_lex_spec, &resonance_lex_spec,
	&sips_lex_spec,    &category_lex_spec,  NULL,
};

const struct lex_spec *lex_spec_find(const char *name)
{
	for (size_t i = 0; lex_specs[i]; i++)
		if (!strcmp(lex_specs[i]->kind, name))
			return lex_specs[i];
	return NULL;
}

/* Fast path of lex_weight for plain decimals ("-1.5", "2", "0.25"): the digits as an exact
 * integer divided by an exact power of ten is correctly rounded, i.e. what strtod gives.
 * Returns 0 when the text needs strtod. */
static int quick_decimal(const char *s, double *out)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				      1e11, 1e12, 1e13, 1e14, 1e15 };
	unsigned long long m = 0;
	int neg = 0, digits = 0, frac = -1;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 15)
			return 0;
		m = m * 10 + (unsigned long long)(*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (!digits)
		return 0;
	*out = (neg ? -(double)m : (double)m) / p10[frac > 0 ? frac : 0];
	return 1;
}

int lex_weight(const char *col, double def, double *out)
{
	char *end;
	double v;
	if (!col || !*col) {
		*out = def;
		return 0;
	}
	if (quick_decimal(col, out))
		return 0;
	errno = 0;
	v = strtod(col, &end);
	if (end == col || *end || errno || v != v)
		return -1;
	*out = v;
	return 0;
}

/* ---- the column list of a spec ---- */

#define ENUM_MAX 12

struct colinfo {
	char name[32];
	int numeric;
	int nenum;
	char enums[ENUM_MAX][24];
};

/* Split the spec's column list at top-level commas into ci[0..LEX_MAXCOL). */
static void parse_columns(const struct lex_spec *sp, struct colinfo *ci)
{
	const char *p = sp->columns ? sp->columns : "";
	memset(ci, 0, LEX_MAXCOL * sizeof *ci);
	for (int i = 0; i < LEX_MAXCOL && *p; i++) {
		const char *s = p, *e;
		int depth = 0;
		size_t n = 0;
		while (*p && (depth || *p != ',')) {
			depth += *p == '(';
			depth -= *p == ')' && depth;
			p++;
		}
		e = p;
		if (*p == ',')
			p++;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (s + n < e && n + 1 < sizeof ci[i].name &&
		       ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') || s[n] == '_' ||
			(s[n] >= '0' && s[n] <= '9')))
			n++;
		memcpy(ci[i].name, s, n);
		ci[i].name[n] = 0;
		ci[i].numeric = !strcmp(ci[i].name, "weight") || !strncmp(ci[i].name, "freq", 4);
		s = memchr(s, '(', (size_t)(e - s));
		if (s && memchr(s, '|', (size_t)(e - s))) {
			s++;
			while (s < e && *s != ')' && ci[i].nenum < ENUM_MAX) {
				const char *v = s;
				size_t vn;
				while (s < e && *s != '|' && *s != ')')
					s++;
				vn = (size_t)(s - v);
				while (vn && v[0] == ' ')
					v++, vn--;
				while (vn && v[vn - 1] == ' ')
					vn--;
				if (vn && vn < sizeof ci[i].enums[0]) {
					memcpy(ci[i].enums[ci[i].nenum], v, vn);
					ci[i].enums[ci[i].nenum++][vn] = 0;
				}
				if (s < e && *s == '|')
					s++;
			}
		}
	}
}

const char *lex_col_name(const struct lex_spec *sp, int i, char *buf, size_t bufsz)
{
	struct colinfo ci[LEX_MAXCOL];
	if (!bufsz)
		return buf;
	buf[0] = 0;
	if (i < 0 || i >= LEX_MAXCOL)
		return buf;
	parse_columns(sp, ci);
	snprintf(buf, bufsz, "%s", ci[i].name);
	return buf;
}

/* The generic checks of the columns of one row. */
static int check_columns(const struct colinfo *ci, char **col, int ncol, struct strbuf *err)
{
	for (int i = 1; i < ncol && i < LEX_MAXCOL; i++) {
		double v;
		int hit = 0;
		if (!*col[i])
			continue;
		if (ci[i].numeric && lex_weight(col[i], 0, &v) < 0) {
			sb_addf(err, "bad %s '%s' (column %d wants a number)", ci[i].name, col[i],
				i + 1);
			return -1;
		}
		if (!ci[i].nenum)
			continue;
		for (int j = 0; j < ci[i].nenum; j++)
			hit |= !strcmp(col[i], ci[i].enums[j]);
		if (!hit) {
			sb_addf(err, "bad %s '%s' (column %d wants one of: ", ci[i].name, col[i], i + 1);
			for (int j = 0; j < ci[i].nenum; j++)
				sb_addf(err, "%s%s", j ? ", " : "", ci[i].enums[j]);
			sb_addc(err, ')');
			return -1;
		}
	}
	return 0;
}

/* ---- loading ---- */

struct loader {
	struct lexset *ls;
	char *arena;      /* the current block of key storage (owned through ls->strs) */
	size_t arena_left;
	struct lex_load_opts o;
	int src;   /* index of the current source */
	int ferr;  /* errors in the current file (after FILE_ERRORS_SHOWN, only counted) */
	int futf8; /* invalid UTF-8 lines in the current file */
	int quiet; /* current source is context only */
	struct strbuf key, tmp, err;
	struct colinfo ci[LEX_MAXCOL];
};

static char *keep(struct lexset *ls, char *s)
{
	NM_GROW(ls->strs, ls->capstrs, ls->nstrs + 1);
	ls->strs[ls->nstrs++] = s;
	return s;
}

/* A copy of s[0..n) NUL-terminated, in key storage that lives as long as the set. */
static char *arena_dup(struct loader *L, const char *s, size_t n)
{
	char *p;
	if (n + 1 > L->arena_left) {
		size_t sz = n + 1 > 16384 ? n + 1 : 16384;
		L->arena = keep(L->ls, xmalloc(sz));
		L->arena_left = sz;
	}
	p = L->arena;
	memcpy(p, s, n);
	p[n] = 0;
	L->arena += n + 1;
	L->arena_left -= n + 1;
	return p;
}

#define FILE_ERRORS_SHOWN 20

static int lerror(struct loader *L, const char *fmt, ...) NM_PRINTF(2, 3);
static int lerror(struct loader *L, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	L->ls->nerrors++;
	if (++L->ferr > FILE_ERRORS_SHOWN)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error("%s", msg);
}

static void lwarn(struct loader *L, const char *fmt, ...) NM_PRINTF(2, 3);
static void lwarn(struct loader *L, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	if (!L->o.check || L->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	L->ls->nwarnings++;
	warning("%s", msg);
}

/* buf = a "/" b; -1 (and an empty buf) when it does not fit. */
static int path_join(char *buf, size_t n, const char *a, const char *b)
{
	size_t al = strlen(a);
	int w = snprintf(buf, n, "%s%s%s", a, al && a[al - 1] == '/' ? "" : "/", b);
	if (w < 0 || (size_t)w >= n) {
		buf[0] = 0;
		return -1;
	}
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The names in dir (files ending .tsv, or sub-folders when dirs), sorted. */
static size_t list_dir(const char *dir, int dirs, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct stat st;
		char path[PATH_MAX];
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		path_join(path, sizeof path, dir, e->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (dirs ? !S_ISDIR(st.st_mode)
			 : !(S_ISREG(st.st_mode) && l > 4 && !strcmp(e->d_name + l - 4, ".tsv")))
			continue;
		NM_GROW(v, cap, n + 1);
		v[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, name_cmp);
	*out = v;
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "07-beauty.tsv" -> "beauty", "pets" -> "pets" */
static char *pack_name(const char *file)
{
	const char *s = file, *p = file;
	size_t n;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p > s && *p == '-')
		s = p + 1;
	n = strlen(s);
	if (n > 4 && !strcmp(s + n - 4, ".tsv"))
		n -= 4;
	return xstrndup(s, n);
}

/* Read a file into sb in one go (size from fstat; falls back to nm_read_file). */
static int read_whole(const char *path, struct strbuf *sb)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	size_t got;
	if (!f || fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (1 << 30)) {
		if (f)
			fclose(f);
		return nm_read_file(path, sb);
	}
	sb_grow(sb, (size_t)st.st_size + 1);
	got = fread(sb->buf + sb->len, 1, (size_t)st.st_size, f);
	sb->len += got;
	sb->buf[sb->len] = 0;
	if (ferror(f)) {
		fclose(f);
		return error("%s: read error", path);
	}
	if (got == (size_t)st.st_size && getc(f) != EOF) {
		/* grew while reading: take the rest too */
		fclose(f);
		sb_reset(sb);
		return nm_read_file(path, sb);
	}
	fclose(f);
	return 0;
}

static unsigned long long fingerprint_mix(unsigned long long h, const char *path,
					  const struct stat *st)
{
	h ^= hmap_hash(path, strlen(path));
	if (st) {
		h = h * 1099511628211ULL ^ (unsigned long long)st->st_size;
		h = h * 1099511628211ULL ^ (unsigned long long)st->st_mtim.tv_sec;
		h = h * 1099511628211ULL ^ (unsigned long long)st->st_mtim.tv_nsec;
	}
	return h * 1099511628211ULL + 1;
}

/* Fold a source file into the set's and its kind's fingerprints. */
static void fingerprint_file(struct lexset *ls, struct lex_kind *k, const char *path)
{
	struct stat st;
	int ok = stat(path, &st) == 0;
	ls->fingerprint = fingerprint_mix(ls->fingerprint, path, ok ? &st : NULL);
	if (k)
		k->fingerprint = fingerprint_mix(k->fingerprint, path, ok ? &st : NULL);
}

struct pcre2_real_code_8 *lex_compile_pattern(const struct lex_row *r, uint32_t options)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)r->term, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_CASELESS | options, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		error("%s:%d: pattern does not compile at offset %zu: %s", r->file, r->line,
		      (size_t)eo, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* the interpreter runs it when JIT cannot */
	return re;
}

static int check_pattern(const char *pat, struct strbuf *err)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_CASELESS, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		sb_addf(err, "pattern does not compile at offset %zu: %s", (size_t)eo, (char *)msg);
		return -1;
	}
	pcre2_code_free(re);
	return 0;
}

/* The key of a row: "<group>\t" for categories, then the key columns, normalised, joined
 * by TAB; a missing or empty enumerated key column is its first value. Returns the number
 * of key columns that were really given (the term counts). */
static int build_key(struct strbuf *key, struct strbuf *tmp, const struct lex_spec *sp,
		     const struct colinfo *ci, const char *group, char *const *col, int ncol,
		     int pattern, const char *normterm)
{
	int given = 0;
	sb_reset(key);
	if (!strcmp(sp->kind, "categories")) {
		sb_adds(key, group);
		sb_addc(key, '\t');
	}
	for (int i = 0; i < sp->key_cols && i < LEX_MAXCOL; i++) {
		const char *v = i < ncol && col[i] ? col[i] : "";
		if (i)
			sb_addc(key, '\t');
		if (*v)
			given++;
		else if (ci[i].nenum)
			v = ci[i].enums[0], given++;
		if (i == 0 && pattern) {
			sb_adds(key, "re:");
			sb_adds(key, v);
		} else if (i == 0 && normterm) {
			sb_adds(key, normterm);
		} else {
			norm_key(tmp, v, strlen(v));
			sb_add(key, tmp->buf ? tmp->buf : "", tmp->len);
		}
	}
	return given;
}

static int same_columns(const struct lex_row *a, char *const *col, int ncol)
{
	if (a->ncol != ncol)
		return 0;
	for (int i = 1; i < ncol && i < LEX_MAXCOL; i++)
		if (strcmp(a->col[i], col[i]))
			return 0;
	return 1;
}

static void row_columns(struct strbuf *sb, const struct lex_row *r)
{
	sb_reset(sb);
	for (int i = 1; i < r->ncol && i < LEX_MAXCOL; i++) {
		if (i > 1)
			sb_adds(sb, "\\t");
		sb_adds(sb, r->col[i]);
	}
	if (!sb->len)
		sb_adds(sb, "(term only)");
}

/* "!term" with fewer key columns than the kind has: delete every entry of the term (in the
 * same pack for categories). Returns the number deleted. */
static int delete_term(struct lex_kind *k, const char *group, const char *key)
{
	int n = 0, cats = !strcmp(k->spec->kind, "categories");
	for (size_t i = 0; i < k->n; i++) {
		struct lex_row *r = &k->row[i];
		if (!r->key || strcmp(r->key, key) || (cats && strcmp(r->group, group)))
			continue;
		r->key = NULL;
		n++;
	}
	return n;
}

/* Apply one parsed line (columns col[0..ncol), the term already stripped of '!' / "re:"). */
static void add_row(struct loader *L, struct lex_kind *k, struct lex_row *r, char **col, int ncol,
		    int del, int given)
{
	const struct lex_spec *sp = k->spec;
	uint32_t idx;
	int have = hmap_get(&k->index, L->key.buf, L->key.len, &idx) && k->row[idx].key;

	if (del) {
		if (have) {
			k->row[idx].key = NULL;
			hmap_del(&k->index, L->key.buf, L->key.len);
		} else if (given < sp->key_cols && delete_term(k, r->group, r->key)) {
			/* deleted every entry of the term */
		} else {
			lwarn(L, "%s:%d: warning: '!%s' deletes nothing (no such %s entry loaded before)",
			      r->file, r->line, col[0], sp->kind);
		}
		return;
	}
	if (have) {
		struct lex_row *old = &k->row[idx];
		int same = same_columns(old, col, ncol);
		int variant = strcmp(old->term, col[0]) != 0;
		if (old->file == r->file || !strcmp(old->file, r->file)) {
			if (same && variant) {
				lwarn(L, "%s:%d: warning: duplicate entry '%s' (the same as '%s' at line "
					 "%d once normalised)",
				      r->file, r->line, col[0], old->term, old->line);
			} else if (same) {
				lwarn(L, "%s:%d: warning: duplicate entry '%s' (also at line %d)",
				      r->file, r->line, col[0], old->line);
			} else if (L->o.check && !L->quiet) {
				struct strbuf was = STRBUF_INIT;
				row_columns(&was, old);
				lerror(L, "%s:%d: conflicting entry '%s': line %d already says '%s'",
				       r->file, r->line, col[0], old->line, was.buf);
				sb_release(&was);
			}
		} else if (old->src == r->src && same) {
			lwarn(L, "%s:%d: warning: duplicate entry '%s' (already in %s:%d)", r->file,
			      r->line, col[0], old->file, old->line);
		} else if (L->o.verbose && L->o.check && !L->quiet) {
			fprintf(stderr, "notemine: %s:%d: note: '%s' overrides %s:%d\n", r->file,
				r->line, col[0], old->file, old->line);
		}
		*old = *r;
		return;
	}
	NM_GROW(k->row, k->cap, k->n + 1);
	k->row[k->n] = *r;
	hmap_put(&k->index, L->key.buf, L->key.len, (uint32_t)k->n);
	k->n++;
}

/* A context file that is also one of the checked sources (or inside one). */
static int skipped(const struct loader *L, const char *path)
{
	char real[PATH_MAX];
	if (!L->quiet || !L->o.nskip || !realpath(path, real))
		return 0;
	for (size_t i = 0; i < L->o.nskip; i++) {
		size_t n = strlen(L->o.skip[i]);
		if (!strncmp(real, L->o.skip[i], n) && (!real[n] || real[n] == '/'))
			return 1;
	}
	return 0;
}

static int load_file(struct loader *L, struct lex_kind *k, const char *path, const char *group)
{
	struct lexset *ls = L->ls;
	const struct lex_spec *sp = k->spec;
	struct strbuf textbuf = STRBUF_INIT, *text = &textbuf, *tmp = &L->tmp, *err = &L->err;
	size_t pos = 0;
	int lineno = 0, bad = 0;
	char *gname, *fname;

	if (skipped(L, path))
		return 0;
	gname = arena_dup(L, group, strlen(group));
	fname = arena_dup(L, path, strlen(path));

	fingerprint_file(ls, k, path);
	if (read_whole(path, text) < 0) {
		ls->nerrors++;
		sb_release(text);
		return -1;
	}
	/* rows point into the file's text: the set keeps it */
	keep(ls, text->buf ? text->buf : xstrdup(""));
	k->nfiles++;
	L->ferr = L->futf8 = 0;
	{
		/* room in the index for every line of the file: no rehash while it loads */
		size_t lines = 1;
		const char *p = text->buf, *e = p ? p + text->len : NULL;
		while (p && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			lines++;
			p++;
		}
		hmap_reserve(&k->index, k->n + lines);
	}
	if (text->len >= 2 && (!memcmp(text->buf, "\xFF\xFE", 2) || !memcmp(text->buf, "\xFE\xFF", 2)))
		return lerror(L, "%s:1: UTF-16 text: lexicons are UTF-8 (save the file as UTF-8)",
			      path);
	while (pos < text->len) {
		char *line = text->buf + pos, *nl = memchr(line, '\n', text->len - pos), *copy;
		size_t len = nl ? (size_t)(nl - line) : text->len - pos;
		char *col[LEX_MAXCOL];
		int ncol = 0, ntab = 0, last = 0, del = 0, pattern = 0, given;
		size_t bad_at;
		struct lex_row r;

		pos += len + (nl ? 1 : 0);
		lineno++;
		if (len && line[len - 1] == '\r')
			len--;
		line[len] = 0; /* the '\n', '\r' or the buffer's final NUL */
		if (lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
			line += 3, len -= 3;
		if (!len || line[0] == '#')
			continue;
		if (memchr(line, 0, len)) {
			bad = lerror(L, "%s:%d: NUL byte in line", path, lineno);
			continue;
		}
		if ((bad_at = utf8_check(line, len)) < len) {
			bad = lerror(L, "%s:%d: invalid UTF-8 at byte %zu%s", path, lineno, bad_at + 1,
				     L->futf8++ ? ""
						: " (lexicons are UTF-8; a GBK file converts with "
						  "iconv -f GB18030 -t UTF-8)");
			continue;
		}
		copy = line;
		col[ncol++] = copy;
		/* ntab: index of the last non-empty column (trailing empty columns do not count) */
		for (char *p = copy; *p; p++) {
			if (*p != '\t') {
				if (p == copy || !p[-1])
					last = ntab;
				continue;
			}
			*p = 0;
			ntab++;
			if (ncol < LEX_MAXCOL)
				col[ncol++] = p + 1;
		}
		ncol = last + 1; /* may exceed LEX_MAXCOL: only for the message below */
		if (col[0][0] == '!') {
			del = 1;
			col[0]++;
		}
		if (!strncmp(col[0], "re:", 3)) {
			pattern = 1;
			col[0] += 3;
		}
		if (!*col[0] || (!pattern && !*norm_key(tmp, col[0], strlen(col[0])))) {
			bad = lerror(L, "%s:%d: empty term", path, lineno);
			continue;
		}
		if (pattern && !sp->allow_patterns) {
			bad = lerror(L, "%s:%d: patterns (re:) are not allowed in %s", path, lineno,
				     sp->kind);
			continue;
		}
		if (ncol > sp->max_cols || (!del && ncol < sp->min_cols)) {
			bad = lerror(L, "%s:%d: %d column%s, %s wants %d to %d (%s)", path, lineno, ncol,
				     ncol == 1 ? "" : "s", sp->kind, sp->min_cols, sp->max_cols,
				     sp->columns);
			continue;
		}
		sb_reset(err);
		if (check_columns(L->ci, col, ncol, err) < 0) {
			bad = lerror(L, "%s:%d: %s", path, lineno, err->buf);
			continue;
		}
		given = build_key(&L->key, &L->err, sp, L->ci, group, col, ncol, pattern,
				  pattern ? NULL : tmp->buf);
		memset(&r, 0, sizeof r);
		r.term = col[0];
		r.is_pattern = pattern;
		r.ncol = ncol;
		for (int i = 0; i < ncol && i < LEX_MAXCOL; i++)
			r.col[i] = col[i];
		r.group = gname;
		r.file = fname;
		r.line = lineno;
		r.src = L->src;
		if (pattern) {
			r.key = r.term;
		} else {
			r.key = arena_dup(L, tmp->buf, tmp->len); /* normalised above */
		}
		if (!del) {
			sb_reset(err);
			/* patterns are compiled here only when checking: the modules that use
			 * them compile them anyway and report FILE:LINE themselves */
			if (pattern && L->o.check && check_pattern(r.term, err) < 0) {
				bad = lerror(L, "%s:%d: %s", path, lineno, err->buf);
				continue;
			}
			if (sp->validate) {
				int v = sp->validate(&r, err);
				if (v < 0) {
					bad = lerror(L, "%s:%d: %s", path, lineno,
						     err->len ? err->buf : "bad entry");
					continue;
				}
				if (v > 0)
					lwarn(L, "%s:%d: warning: %s", path, lineno, err->buf);
			}
		}
		add_row(L, k, &r, col, ncol, del, given);
	}
	if (L->ferr > FILE_ERRORS_SHOWN)
		error("%s: %d more errors not shown", path, L->ferr - FILE_ERRORS_SHOWN);
	return bad;
}

/* Load the files of a kind folder dir (categories: also its pack folders). */
static int load_kind_dir(struct loader *L, struct lex_kind *k, const char *dir)
{
	char path[PATH_MAX];
	char **names;
	size_t n;
	int bad = 0, cats = !strcmp(k->spec->kind, "categories");

	parse_columns(k->spec, L->ci);
	n = list_dir(dir, 0, &names);
	for (size_t i = 0; i < n; i++) {
		char *group = pack_name(names[i]);
		path_join(path, sizeof path, dir, names[i]);
		if (load_file(L, k, path, group) < 0)
			bad = -1;
		free(group);
	}
	free_list(names, n);
	if (cats) {
		char **packs;
		size_t np = list_dir(dir, 1, &packs);
		for (size_t i = 0; i < np; i++) {
			char sub[PATH_MAX];
			char *group = pack_name(packs[i]);
			path_join(sub, sizeof sub, dir, packs[i]);
			n = list_dir(sub, 0, &names);
			for (size_t j = 0; j < n; j++) {
				path_join(path, sizeof path, sub, names[j]);
				if (load_file(L, k, path, group) < 0)
					bad = -1;
			}
			free_list(names, n);
			free(group);
		}
		free_list(packs, np);
	}
	return bad;
}

static void reindex(struct lex_kind *k)
{
	struct strbuf key = STRBUF_INIT, tmp = STRBUF_INIT;
	struct colinfo ci[LEX_MAXCOL];
	size_t j = 0;
	for (size_t i = 0; i < k->n; i++)
		if (k->row[i].key)
			k->row[j++] = k->row[i];
	if (j == k->n)
		return; /* nothing deleted: the index built while loading is right */
	k->n = j;
	parse_columns(k->spec, ci);
	hmap_release(&k->index);
	hmap_init(&k->index);
	for (size_t i = 0; i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		char *col[LEX_MAXCOL];
		for (int c = 0; c < LEX_MAXCOL; c++)
			col[c] = (char *)r->col[c];
		build_key(&key, &tmp, k->spec, ci, r->group, col, r->ncol, r->is_pattern,
			  r->is_pattern ? NULL : r->key);
		hmap_put(&k->index, key.buf, key.len, (uint32_t)i);
	}
	sb_release(&key);
	sb_release(&tmp);
}

static struct lex_kind *kind_of(struct lexset *ls, const char *name)
{
	return (struct lex_kind *)lexset_kind(ls, name);
}

static const char *base_name(const char *path, char *buf, size_t bufsz)
{
	size_t n = strlen(path);
	const char *s;
	while (n > 1 && path[n - 1] == '/')
		n--;
	s = path + n;
	while (s > path && s[-1] != '/')
		s--;
	snprintf(buf, bufsz, "%.*s", (int)(path + n - s), s);
	return buf;
}

/* The folder part of path ("." when none), with a trailing "/.." trick avoided. */
static void dir_name(const char *path, char *buf, size_t bufsz)
{
	char real[PATH_MAX];
	if (realpath(path, real)) {
		char *slash = strrchr(real, '/');
		if (slash && slash != real)
			*slash = 0;
		else if (slash)
			slash[1] = 0;
		snprintf(buf, bufsz, "%s", real);
		return;
	}
	snprintf(buf, bufsz, ".");
}

static int root_like(const char *dir)
{
	char sub[PATH_MAX];
	for (size_t i = 0; lex_specs[i]; i++) {
		path_join(sub, sizeof sub, dir, lex_specs[i]->kind);
		if (is_dir(sub))
			return 1;
	}
	return 0;
}

static int load_root(struct loader *L, const char *path)
{
	struct lexset *ls = L->ls;
	int bad = 0;
	for (size_t i = 0; i < ls->nkinds; i++) {
		char dir[PATH_MAX];
		path_join(dir, sizeof dir, path, ls->kind[i].spec->kind);
		if (is_dir(dir) && load_kind_dir(L, &ls->kind[i], dir) < 0)
			bad = -1;
	}
	return bad;
}

static int load_source(struct loader *L, const char *path)
{
	struct lexset *ls = L->ls;
	char name[PATH_MAX], parent[PATH_MAX], pname[PATH_MAX], grand[PATH_MAX], gname[PATH_MAX];
	struct stat st;
	struct lex_kind *k;
	int bad = 0;

	if (stat(path, &st) < 0) {
		L->ls->nerrors++;
		return error("%s: %s", path, strerror(errno));
	}
	base_name(path, name, sizeof name);
	dir_name(path, parent, sizeof parent);
	base_name(parent, pname, sizeof pname);
	dir_name(parent, grand, sizeof grand);
	base_name(grand, gname, sizeof gname);
	if (S_ISDIR(st.st_mode)) {
		char real[PATH_MAX];
		if (realpath(path, real))
			base_name(real, name, sizeof name);
		if ((k = kind_of(ls, name)) && !root_like(path))
			return load_kind_dir(L, k, path);
		if (!strcmp(pname, "categories") && !root_like(path)) {
			char **names;
			char *group = pack_name(name);
			size_t n = list_dir(path, 0, &names);
			k = kind_of(ls, "categories");
			parse_columns(k->spec, L->ci);
			for (size_t j = 0; j < n; j++) {
				char file[PATH_MAX];
				path_join(file, sizeof file, path, names[j]);
				if (load_file(L, k, file, group) < 0)
					bad = -1;
			}
			free_list(names, n);
			free(group);
			return bad;
		}
		if (!root_like(path)) {
			L->ls->nerrors++;
			return error("%s: not a lexicon folder (no kind folder such as segment/ or "
				     "sentiment/ inside)",
				     path);
		}
		return load_root(L, path);
	}
	if ((k = kind_of(ls, pname))) {
		char *group = pack_name(name);
		parse_columns(k->spec, L->ci);
		bad = load_file(L, k, path, group);
		free(group);
		return bad;
	}
	if (!strcmp(gname, "categories")) {
		char *group = pack_name(pname);
		k = kind_of(ls, "categories");
		parse_columns(k->spec, L->ci);
		bad = load_file(L, k, path, group);
		free(group);
		return bad;
	}
	L->ls->nerrors++;
	return error("%s: cannot tell the lexicon kind: put the file in a folder named after "
		     "its kind (segment, sentiment, note_type, resonance, sips, categories)",
		     path);
}

static void lexset_init(struct lexset *ls, size_t nroots)
{
	size_t nk = 0;
	memset(ls, 0, sizeof *ls);
	while (lex_specs[nk])
		nk++;
	ls->kind = xcalloc(nk, sizeof *ls->kind);
	ls->nkinds = nk;
	ls->roots = xcalloc(nroots ? nroots : 1, sizeof *ls->roots);
	for (size_t i = 0; i < nk; i++) {
		ls->kind[i].spec = lex_specs[i];
		hmap_init(&ls->kind[i].index);
	}
}

static int load_all(struct lexset *ls, const char *const *paths, size_t n,
		    const struct lex_load_opts *o, int roots_only)
{
	struct loader L;
	int bad = 0;
	memset(&L, 0, sizeof L);
	L.ls = ls;
	if (o)
		L.o = *o;
	lexset_init(ls, n);
	for (size_t r = 0; r < n; r++) {
		ls->roots[ls->nroots++] = xstrdup(paths[r]);
		L.src = (int)r;
		L.quiet = r < L.o.quiet;
		if (roots_only && !is_dir(paths[r])) {
			ls->nerrors++;
			bad = error("%s: lexicon folder not found", paths[r]);
			continue;
		}
		if (roots_only && !root_like(paths[r]))
			warning("%s: no lexicon kind folder inside (segment/, sentiment/, note_type/, "
				"resonance/, sips/, categories/): nothing loaded from it",
				paths[r]);
		if ((roots_only ? load_root(&L, paths[r]) : load_source(&L, paths[r])) < 0)
			bad = -1;
	}
	for (size_t i = 0; i < ls->nkinds; i++)
		reindex(&ls->kind[i]);
	sb_release(&L.key);
	sb_release(&L.tmp);
	sb_release(&L.err);
	return bad || ls->nerrors ? -1 : 0;
}

int lexset_load(struct lexset *ls, const char *const *roots, size_t nroots)
{
	return load_all(ls, roots, nroots, NULL, 1);
}

int lexset_load_paths(struct lexset *ls, const char *const *paths, size_t n,
		      const struct lex_load_opts *o)
{
	return load_all(ls, paths, n, o, 0);
}

void lexset_release(struct lexset *ls)
{
	for (size_t i = 0; i < ls->nkinds; i++) {
		free(ls->kind[i].row);
		hmap_release(&ls->kind[i].index);
	}
	free(ls->kind);
	for (size_t i = 0; i < ls->nroots; i++)
		free(ls->roots[i]);
	free(ls->roots);
	for (size_t i = 0; i < ls->nstrs; i++)
		free(ls->strs[i]);
	free(ls->strs);
	memset(ls, 0, sizeof *ls);
}

const struct lex_kind *lexset_kind(const struct lexset *ls, const char *name)
{
	for (size_t i = 0; i < ls->nkinds; i++)
		if (!strcmp(ls->kind[i].spec->kind, name))
			return &ls->kind[i];
	return NULL;
}

const struct lex_row *lex_lookup(const struct lex_kind *k, const char *key, size_t n)
{
	uint32_t idx;
	if (!k || !hmap_get(&k->index, key, n, &idx))
		return NULL;
	return &k->row[idx];
}

const char *lex_default_root(void)
{
	static char root[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("NOTEMINE_LEXICONS");
	ssize_t n;
	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = 0;
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			path_join(root, sizeof root, exe, "lexicons");
			if (is_dir(root))
				return root;
			path_join(root, sizeof root, exe, "../share/notemine/lexicons");
			if (is_dir(root))
				return root;
		}
	}
	return "lexicons";
}
