/*
 * token.c - see token.h.
 *
 * The scanner walks the text once. Han lead bytes (U+3400..U+9FFF) are skipped with one
 * comparison; only trigger characters (# [ @ h w digits $ ¥ ￥ and emoji ranges) start a
 * check. Each special pattern is compiled anchored with PCRE2 and JIT, and tried only at
 * its trigger, so no regex runs over ordinary text. Between specials, segment() does the
 * rest.
 */
#include "token.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "segment.h"
#include "utf8.h"
#include "util.h"

const char *const tok_type_name[TOK_NTYPES] = {
	"word", "han", "latin", "number", "hashtag", "emoticon", "emoji", "mention", "url", "punct",
};

enum pat {
	P_XHSTAG,
	P_WBTAG,
	P_HASH,
	P_EMOTICON,
	P_MENTION,
	P_URL,
	P_EMAIL,
	P_PRICE,
	P_NUMBER,
	P_N
};

static const char *const pat_src[P_N] = {
	/* #名称[话题]#, also [品牌] [商品] [地点] ... */
	"#[^#\\s\\[\\]]{1,50}\\[[^\\[\\]#\\s]{1,8}\\]#",
	/* Weibo-style #话题# */
	"#[^#\\s\\[\\]]{1,30}#",
	/* plain #tag */
	"#[\\p{L}\\p{N}_]+",
	/* emoticon codes [笑哭R] [doge] (at least one letter) */
	"\\[(?=[^\\]]*[\\p{Han}A-Za-z])[\\p{Han}A-Za-z0-9]{1,10}\\]",
	/* @mention: up to white space or punctuation */
	"@[^\\s@#，。！？、,!?:：;；()（）\\[\\]【】\"“”'‘’<>《》]{1,30}",
	/* URLs */
	"(?:https?://|www\\.)[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+",
	/* e-mail */
	"[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}",
	/* prices */
	"(?:US\\$|HK\\$|[$¥￥€£])\\s?[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
	"(?:[kKwW万千](?![A-Za-z]))?\\+?",
	/* numbers with dates or times, units or percentages (plain numbers, decimals and
	 * Chinese units such as 3.5万, 1997年 are the segmenter's) */
	"[0-9０-９]+(?:[.．:：/\\-][0-9０-９]+)*"
	"(?:%|％|‰|"
	"(?:kg|mg|ml|mL|km|cm|mm|mi|lbs|lb|oz|ft|hrs|hr|mins|min|sec|am|pm|AM|PM|mAh|GB|TB|MB|"
	"Hz|g|l|L|m|h|k|K|w|W|s|p|P|x|X|G|T)(?![A-Za-z]))?",
};


struct tokenizer {
	pcre2_code *re[P_N];
	const struct segdict *dict;
};

struct tok_scratch {
	pcre2_match_data *md;
	struct seg_scratch *seg;
	struct tokens tmp;
};

void tokens_release(struct tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

void tokens_push(struct tokens *t, uint32_t off, uint32_t len, int type)
{
	if (t->n == t->cap)
		NM_GROW(t->v, t->cap, t->n + 1);
	t->v[t->n].off = off;
	t->v[t->n].len = len;
	t->v[t->n].type = (uint8_t)type;
	t->n++;
}

struct tokenizer *tokenizer_new(const struct tokenizer_opts *opts)
{
	struct tokenizer *tk = xcalloc(1, sizeof *tk);
	tk->dict = opts ? opts->dict : NULL;
	for (int i = 0; i < P_N; i++) {
		int ec;
		PCRE2_SIZE eo;
		tk->re[i] = pcre2_compile((PCRE2_SPTR)pat_src[i], PCRE2_ZERO_TERMINATED,
					  PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &ec, &eo, NULL);
		if (!tk->re[i]) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(ec, msg, sizeof msg);
			error("internal pattern %d: %s at %zu", i, (char *)msg, (size_t)eo);
			tokenizer_free(tk);
			return NULL;
		}
		pcre2_jit_compile(tk->re[i], PCRE2_JIT_COMPLETE); /* interpreter if JIT fails */
	}
	return tk;
}

void tokenizer_free(struct tokenizer *tk)
{
	if (!tk)
		return;
	for (int i = 0; i < P_N; i++)
		pcre2_code_free(tk->re[i]);
	free(tk);
}

struct tok_scratch *tok_scratch_new(const struct tokenizer *tk)
{
	struct tok_scratch *s = xcalloc(1, sizeof *s);
	(void)tk;
	s->md = pcre2_match_data_create(4, NULL);
	if (!s->md) {
		fputs("notemine: out of memory\n", stderr);
		abort();
	}
	s->seg = seg_scratch_new();
	return s;
}

void tok_scratch_free(struct tok_scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	seg_scratch_free(s->seg);
	tokens_release(&s->tmp);
	free(s);
}

/* Length of pattern p matched at text+pos, or 0. */
static size_t try_pat(const struct tokenizer *tk, struct tok_scratch *s, int p, const char *text,
		      size_t len, size_t pos)
{
	int rc = pcre2_match(tk->re[p], (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, s->md,
			     NULL);
	PCRE2_SIZE *ov;
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(s->md);
	return ov[1] > ov[0] ? ov[1] - ov[0] : 0;
}

static int is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_emoji_start(int32_t cp)
{
	const utf8proc_property_t *p;
	if (cp < 0xA9)
		return 0;
	p = utf8proc_get_property(cp);
	return p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
	       p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

/* Length of the grapheme cluster starting at pos (an emoji sequence). */
static size_t cluster_len(const char *text, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0;
	size_t l, i = pos;
	int32_t prev = utf8_decode(text + i, len - i, &l);
	i += l;
	while (i < len) {
		int32_t cp = utf8_decode(text + i, len - i, &l);
		if (utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += l;
	}
	return i - pos;
}

/* A keycap: [0-9#*] U+FE0F? U+20E3 */
static size_t keycap_len(const char *text, size_t len, size_t pos)
{
	size_t i = pos + 1;
	if (i + 3 <= len && !memcmp(text + i, "\xEF\xB8\x8F", 3))
		i += 3;
	if (i + 3 <= len && !memcmp(text + i, "\xE2\x83\xA3", 3))
		return i + 3 - pos;
	return 0;
}

/* A number match is a special token only when it is more than a number: it ends in a unit
 * or a percent sign, or holds a date or time separator (2024.11.07, 12:30, 1/2, 3-5). Plain
 * integers and decimals go to the segmenter, which keeps 3.5万 and 1997年 whole and splits
 * 1 个 as segmentation standards do. */
static int number_is_special(const char *m, size_t n)
{
	size_t dots = 0;
	unsigned char last = (unsigned char)m[n - 1];
	if (!(last >= '0' && last <= '9') && !(n >= 3 && (unsigned char)m[n - 3] == 0xEF &&
					       (unsigned char)m[n - 2] == 0xBC &&
					       last >= 0x90 && last <= 0x99))
		return 1; /* a unit or percent sign */
	for (size_t i = 0; i < n; i++) {
		if (m[i] == ':' || m[i] == '/' || m[i] == '-')
			return 1;
		if (m[i] == '.')
			dots++;
		if ((unsigned char)m[i] == 0xEF && i + 2 < n && (unsigned char)m[i + 1] == 0xBC &&
		    ((unsigned char)m[i + 2] == 0x9A || (unsigned char)m[i + 2] == 0x8E)) {
			if ((unsigned char)m[i + 2] == 0x9A)
				return 1; /* ： */
			dots++;         /* ． */
		}
	}
	return dots >= 2;
}

/* URL: trim trailing punctuation that usually ends the sentence, not the URL. */
static size_t trim_url(const char *u, size_t n)
{
	while (n > 0 && strchr(".,;:!?)]'\"", u[n - 1]))
		n--;
	return n;
}

/* Is there a special token at pos? Returns its length and type, or 0, and sets *start. run is
 * the start of the current ordinary run: an e-mail address starts before its '@', but never
 * before run (the bytes before it already belong to a token). */
static size_t special_at(const struct tokenizer *tk, struct tok_scratch *s, const char *text,
			 size_t len, size_t pos, size_t run, size_t *start, int *type)
{
	unsigned char c = (unsigned char)text[pos];
	int prev = pos > 0 ? (unsigned char)text[pos - 1] : 0;
	size_t n;
	*start = pos;
	switch (c) {
	case '#':
		if (is_ascii_alnum(prev))
			return 0;
		if ((n = keycap_len(text, len, pos))) {
			*type = TOK_EMOJI;
			return n;
		}
		for (int p = P_XHSTAG; p <= P_HASH; p++)
			if ((n = try_pat(tk, s, p, text, len, pos))) {
				*type = TOK_HASHTAG;
				return n;
			}
		return 0;
	case '[':
		if ((n = try_pat(tk, s, P_EMOTICON, text, len, pos))) {
			*type = TOK_EMOTICON;
			return n;
		}
		return 0;
	case '@': {
		size_t b = pos;
		while (b > run && (is_ascii_alnum((unsigned char)text[b - 1]) ||
				 strchr("._%+-", text[b - 1])))
			b--;
		if (b < pos && (n = try_pat(tk, s, P_EMAIL, text, len, b))) {
			*start = b;
			*type = TOK_URL;
			return n;
		}
		if (is_ascii_alnum(prev))
			return 0;
		if ((n = try_pat(tk, s, P_MENTION, text, len, pos)) > 1) {
			*type = TOK_MENTION;
			return n;
		}
		return 0;
	}
	case 'h':
	case 'H':
	case 'w':
	case 'W':
		if (is_ascii_alnum(prev))
			return 0;
		if (len - pos >= 7 &&
		    (!strncasecmp(text + pos, "http://", 7) || !strncasecmp(text + pos, "https:/", 7) ||
		     !strncasecmp(text + pos, "www.", 4)) &&
		    (n = try_pat(tk, s, P_URL, text, len, pos))) {
			*type = TOK_URL;
			return trim_url(text + pos, n);
		}
		return 0;
	case '$':
	case 'U':
		if (c == 'U' && (is_ascii_alnum(prev) || len - pos < 3 || text[pos + 1] != 'S'))
			return 0;
		if ((n = try_pat(tk, s, P_PRICE, text, len, pos))) {
			*type = TOK_NUMBER;
			return n;
		}
		return 0;
	case '*':
		if ((n = keycap_len(text, len, pos))) {
			*type = TOK_EMOJI;
			return n;
		}
		return 0;
	default:
		break;
	}
	if (c >= '0' && c <= '9') {
		if ((n = keycap_len(text, len, pos))) {
			*type = TOK_EMOJI;
			return n;
		}
		if (is_ascii_alnum(prev) || prev == '.' || prev == '-' || prev == ',')
			return 0;
		if ((n = try_pat(tk, s, P_NUMBER, text, len, pos)) && number_is_special(text + pos, n)) {
			*type = TOK_NUMBER;
			return n;
		}
		return 0;
	}
	if (c < 0x80 || (c >= 0xE4 && c <= 0xE9))
		return 0; /* ASCII or the main Han blocks */
	{
		size_t l;
		int32_t cp = utf8_decode(text + pos, len - pos, &l);
		if ((cp >= 0xFF10 && cp <= 0xFF19) || cp == 0xFFE5 || cp == 0xA5 || cp == 0x20AC ||
		    cp == 0xA3) {
			int p = cp >= 0xFF10 && cp <= 0xFF19 ? P_NUMBER : P_PRICE;
			if (p == P_NUMBER && pos >= 3) { /* not inside a full-width word: ｉＰｈｏｎｅ１５ */
				size_t pl;
				int32_t pc = utf8_decode(text + pos - 3, 3, &pl);
				if ((pc >= 0xFF10 && pc <= 0xFF19) || (pc >= 0xFF21 && pc <= 0xFF3A) ||
				    (pc >= 0xFF41 && pc <= 0xFF5A) || pc == 0xFF0E)
					return 0;
			}
			if ((n = try_pat(tk, s, p, text, len, pos)) &&
			    (p == P_PRICE || number_is_special(text + pos, n))) {
				*type = TOK_NUMBER;
				return n;
			}
			return 0;
		}
		if (is_emoji_start(cp)) {
			*type = TOK_EMOJI;
			return cluster_len(text, len, pos);
		}
	}
	return 0;
}

void tokenize(const struct tokenizer *tk, struct tok_scratch *s, const char *text, size_t len,
	      struct tokens *out)
{
	size_t pos = 0, run = 0;
	out->n = 0;
	while (pos < len) {
		unsigned char c = (unsigned char)text[pos];
		size_t n, start;
		int type;
		if (c >= 0xE4 && c <= 0xE9) { /* Han: never a trigger */
			pos += 3;
			continue;
		}
		n = special_at(tk, s, text, len, pos, run, &start, &type);
		if (!n) {
			pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			continue;
		}
		if (start > run)
			segment(tk->dict, s->seg, text + run, start - run, run, out);
		tokens_push(out, (uint32_t)start, (uint32_t)n, type);
		pos = start + n;
		run = pos;
	}
	if (run < len)
		segment(tk->dict, s->seg, text + run, (pos > len ? len : pos) - run, run, out);
}

int token_type_of(const struct tokenizer *tk, struct tok_scratch *s, const char *tok, size_t len)
{
	tokenize(tk, s, tok, len, &s->tmp);
	if (s->tmp.n == 0)
		return TOK_PUNCT;
	if (s->tmp.n == 1 || s->tmp.v[0].type == TOK_HAN)
		return s->tmp.v[0].type;
	for (size_t i = 0; i < s->tmp.n; i++)
		if (s->tmp.v[i].type == TOK_HAN)
			return TOK_HAN;
	return s->tmp.v[0].type;
}
