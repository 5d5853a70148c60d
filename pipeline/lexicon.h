/*
 * lexicon.h - loading lexicon TSV files: lexicons/<kind>/NN-name.tsv under one or more roots.
 *
 * Format (lexicons/README.md): plain UTF-8, one entry a line, columns separated by TAB, the
 * first column the term, '#' starts a comment line, blank lines ignored. Files of a kind load
 * in file-name order, root by root (shipped lexicons first, then each -L folder); a later
 * entry with the same key replaces an earlier one; a term written "!term" deletes the entry.
 * A term written "re:PATTERN" is a PCRE2 pattern (kinds that allow it), matched on the text.
 * Keys are normalised with norm_key() (full-width, case, traditional folded).
 *
 * The category kind is special: lexicons/categories/<name>.tsv or
 * lexicons/categories/<name>/NN-part.tsv; the pack name is the row's `group`.
 *
 * Every problem is reported as "FILE:LINE: message"; loading fails (-1) on errors.
 *
 * Checks made on every line: valid UTF-8 and no NUL byte, a non-empty term, the number of
 * columns (spec min/max), patterns only where allowed (and, with lex_load_opts.check,
 * compiling: otherwise the module that compiles a pattern reports it), numeric columns (named
 * "weight" or "freq..." in the spec's column list) parse as numbers, enumerated columns
 * (written "name (a|b|c)" in the column list) hold one of the listed values, and the kind's
 * own validate callback. With lex_load_opts.check the loader also reports, as warnings,
 * entries repeated within a file or across files of one folder (same key, same columns),
 * and, as errors, conflicting entries in one file (same key, different columns: which one
 * was meant?) and "!term" lines that delete nothing.
 */
#ifndef NM_LEXICON_H
#define NM_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "hmap.h"

#define LEX_MAXCOL 8

struct strbuf;

struct lex_row {
	const char *term;  /* column 1 as written ("re:" prefix removed for patterns) */
	const char *key;   /* normalised term (the pattern itself for patterns) */
	int is_pattern;    /* term was written "re:PATTERN" */
	int ncol;          /* columns present, including the term */
	const char *col[LEX_MAXCOL]; /* col[0] == term; columns beyond ncol are NULL */
	const char *group; /* categories: pack name; other kinds: the file's base name */
	const char *file;  /* path of the source file */
	int line;
	int src;           /* index of the root / source path it came from */
};

/* How one kind's columns look. Each analyser module defines the spec of its kind. */
struct lex_spec {
	const char *kind;       /* folder name under lexicons/ */
	int min_cols, max_cols; /* including the term */
	int key_cols;           /* leading columns that together form the key (>= 1) */
	int allow_patterns;     /* "re:" terms allowed */
	/* Column list, for messages, scaffolds and generic checks: "term, weight, role (a|b)".
	 * A column named weight or freq* must be a number; a column written "name (a|b|c)"
	 * must hold one of a, b, c, and a missing or empty one means a (its first value). */
	const char *columns;
	/* Extra checks of one row: return 0; 1 with a message (no location) in err for a
	 * warning (the row is kept; shown by `lexicon check`); -1 with a message for an error. */
	int (*validate)(const struct lex_row *r, struct strbuf *err);
};

struct lex_kind {
	const struct lex_spec *spec;
	struct lex_row *row; /* live rows, in load order (an override takes the replaced row's place) */
	size_t n, cap;
	struct hmap index;   /* key -> row index */
	int nfiles;
	unsigned long long fingerprint; /* of this kind's source files (path, size, mtime) */
};

struct lexset {
	struct lex_kind *kind;
	size_t nkinds;
	char **roots;
	size_t nroots;
	char **strs;         /* owns the strings of every row */
	size_t nstrs, capstrs;
	unsigned long long fingerprint; /* hash of every source file's path, size and mtime */
	int nerrors, nwarnings; /* problems reported by the last load */
};

/* Options of lexset_load_paths(). */
struct lex_load_opts {
	int check;    /* also report repeated entries (warnings), and conflicting entries in one
		       * file and deletes that delete nothing (errors) */
	size_t quiet; /* sources [0..quiet) are context only: their warnings are not printed
		       * (their errors still are) */
	int verbose;  /* with check: also note each entry that overrides one of another file */
	const char *const *skip; /* quiet sources skip these files and folders (real paths):
				  * the ones being checked, loaded again later as sources */
	size_t nskip;
};

/* The specs of all known kinds (lexicon.c), NULL-terminated. */
extern const struct lex_spec *const lex_specs[];

/* Load every kind from roots[0..nroots) (later roots override earlier). A root that does
 * not exist is an error. Returns 0, or -1 after reporting every problem found. */
int lexset_load(struct lexset *ls, const char *const *roots, size_t nroots);
void lexset_release(struct lexset *ls);

/* Load from sources in order, each one of: a lexicon root (a folder holding kind folders),
 * a kind folder (named after its kind, e.g. .../sentiment), a category pack folder
 * (.../categories/NAME) or a single .tsv file (its kind and pack come from its folder names:
 * .../sentiment/x.tsv, .../categories/NAME.tsv, .../categories/NAME/x.tsv). o may be NULL.
 * Counts the errors and warnings in ls->nerrors / ls->nwarnings. Returns 0, or -1 when any
 * error was reported (ls is still usable and must be released). */
int lexset_load_paths(struct lexset *ls, const char *const *paths, size_t n,
		      const struct lex_load_opts *o);

/* Spec of the kind called name, or NULL. */
const struct lex_spec *lex_spec_find(const char *name);

/* Name of column i (0-based) of a spec, from its column list ("weight" from
 * "term, weight, role"), written to buf (size bufsz); "" when the list is shorter. */
const char *lex_col_name(const struct lex_spec *sp, int i, char *buf, size_t bufsz);

/* The loaded kind called name, or NULL when the kind is unknown. */
const struct lex_kind *lexset_kind(const struct lexset *ls, const char *name);

/* Look a normalised key up in a kind (key_cols == 1 kinds). NULL when absent. */
const struct lex_row *lex_lookup(const struct lex_kind *k, const char *key, size_t n);

struct pcre2_real_code_8; /* pcre2_code */

/* Compile the "re:" pattern of row r for matching on note text: PCRE2 with UTF, caseless and
 * the given extra options, JIT-compiled when the platform allows. Returns the code (free it
 * with pcre2_code_free), or NULL after error() naming FILE:LINE. */
struct pcre2_real_code_8 *lex_compile_pattern(const struct lex_row *r, uint32_t options);

/* Parse a weight column: a decimal number. Returns 0 and sets *out, or -1. An empty or
 * missing column gives def. */
int lex_weight(const char *col, double def, double *out);

/* The default lexicon root: $NOTEMINE_LEXICONS, else the folder next to the executable
 * (../share/notemine/lexicons when installed, ./lexicons in the source tree). */
const char *lex_default_root(void);

#endif
