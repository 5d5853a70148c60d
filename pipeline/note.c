/* note.c - see note.h. */
#include "note.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *note_where(const struct note *n, size_t off)
{
	return n->title_len && off < n->title_len ? "title" : "desc";
}

/* Multipliers for the unit suffixes scrapers write. */
static double unit_of(const char *s, size_t *len)
{
	static const struct {
		const char *u;
		double mul;
	} units[] = {
		{ "万", 1e4 }, { "w", 1e4 }, { "W", 1e4 }, { "千", 1e3 }, { "k", 1e3 },
		{ "K", 1e3 },  { "亿", 1e8 }, { "m", 1e6 }, { "M", 1e6 },  { "百", 1e2 },
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t l = strlen(units[i].u);
		if (!strncmp(s, units[i].u, l)) {
			*len = l;
			return units[i].mul;
		}
	}
	*len = 0;
	return 1;
}

int count_parse(const char *s, double *out)
{
	double v = 0, frac = 0, scale = 1;
	int digits = 0, dot = 0;
	size_t ul;
	if (!s)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (dot) {
				scale /= 10;
				frac += (*s - '0') * scale;
			} else {
				v = v * 10 + (*s - '0');
			}
			digits++;
		} else if (*s == '.' && !dot) {
			dot = 1;
		} else if (*s == ',' && !dot && digits) {
			continue;
		} else {
			break;
		}
	}
	if (!digits)
		return -1;
	v += frac;
	v *= unit_of(s, &ul);
	s += ul;
	if (*s == '+')
		s++;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s)
		return -1;
	*out = floor(v + 0.5);
	return 0;
}
