/* discover.c - see discover.h. (first version: no candidates yet) */
#include "discover.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct discover {
	struct discover_opts o;
	size_t nchars, nnotes;
};

void discover_opts_init(struct discover_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_len = 2;
	o->max_len = DISCOVER_MAXLEN;
	o->min_freq = 5;
	o->min_df = 3;
	o->min_entropy = 1.0;
	o->min_cohesion = 20;
	o->fragment_share = 0.75;
	o->max_chars = (size_t)64 << 20;
}

struct discover *discover_new(const struct discover_opts *o)
{
	struct discover *d = xcalloc(1, sizeof *d);
	d->o = *o;
	return d;
}

void discover_free(struct discover *d)
{
	free(d);
}

void discover_add(struct discover *d, const char *text, size_t len)
{
	(void)text;
	d->nchars += len;
	d->nnotes++;
}

int discover_run(struct discover *d, const struct discover_word **out, size_t *n)
{
	(void)d;
	*out = NULL;
	*n = 0;
	return 0;
}

size_t discover_nchars(const struct discover *d)
{
	return d->nchars;
}

size_t discover_nnotes(const struct discover *d)
{
	return d->nnotes;
}
