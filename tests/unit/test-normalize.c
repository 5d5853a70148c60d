/* test-normalize.c - the per-code-point fold (inline fast paths against the general one) and
 * a note's text folded once (norm_text_fold): every slice between character starts is what
 * norm_append gives, and the per-note cache is keyed on the serial. */
#include <string.h>

#include "normalize.h"
#include "tap.h"
#include "util.h"

/* Is every slice of the folded text between two character starts of text what norm_append
 * gives for those bytes? */
static int slices_agree(const char *text, unsigned long long serial)
{
	size_t n = strlen(text);
	const struct norm_text *ft = norm_text_fold(text, n, serial);
	struct strbuf sb = STRBUF_INIT;
	int all = ft->n == n && ft->start[0] && ft->start[n];
	for (size_t a = 0; a <= n && all; a++)
		for (size_t b = a; b <= n && all; b++) {
			if (!ft->start[a] || !ft->start[b])
				continue;
			sb_reset(&sb);
			norm_append(&sb, text + a, b - a);
			all = sb.len == ft->o2n[b] - ft->o2n[a] &&
			      !memcmp(sb.buf, ft->buf + ft->o2n[a], sb.len);
		}
	sb_release(&sb);
	return all;
}

int main(void)
{
	static const char *const texts[] = {
		"", "Hello World", "媽媽說ＩＰＨＯＮＥ１５很好用！", "好吃😍😍不贵…… ㎏ ﬁne",
		"abc\xE4\xB8" "def", "\xFF\xFE混合\xE4\xB8\xAD文", "Straße ÉCOLE 東京",
	};
	const struct norm_text *a, *b;
	char x[8], y[8];
	int all = 1;

	norm_init(1);
	for (size_t i = 0; i < NM_ARRAY_LEN(texts); i++)
		if (!slices_agree(texts[i], 0)) {
			all = 0;
			printf("# slices differ: '%s'\n", texts[i]);
		}
	ok(all, "every slice between character starts is norm_append of it");
	{
		const char *t = "媽媽";
		a = norm_text_fold(t, strlen(t), 0);
		ok(a->start[0] && !a->start[1] && !a->start[2] && a->start[3],
		   "character starts: lead bytes only");
		is_str(a->buf, "妈妈", "t2s folds the whole text");
	}
	{
		char t[] = "ABC";
		a = norm_text_fold(t, 3, 7);
		is_str(a->buf, "abc", "folded");
		t[0] = 'X'; /* the same note (serial, text, length) is not folded again ... */
		b = norm_text_fold(t, 3, 7);
		is_str(b->buf, "abc", "same serial and text: the cached fold");
		b = norm_text_fold(t, 3, 0); /* ... but serial 0 (unknown) always is */
		is_str(b->buf, "xbc", "serial 0: folded anew");
		b = norm_text_fold(t, 3, 8);
		is_str(b->buf, "xbc", "another serial: folded anew");
	}
	/* the inline fast paths: ASCII lower-cased, main-block Han through t2s and encoded */
	for (int32_t cp = 1; cp < 0x10000 && all; cp++) {
		size_t l1, l2;
		if (cp < 0x80) {
			y[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
			l2 = 1;
		} else if (cp >= 0x4E00 && cp <= 0x9FFF) {
			l2 = utf8_encode(norm_t2s_cp(cp), y);
		} else {
			continue;
		}
		l1 = norm_fold_cp(cp, x);
		all = l1 == l2 && !memcmp(x, y, l1);
	}
	ok(all, "inline fold: ASCII lower-cased, Han through t2s");
	ok(norm_fold_cp(0xFF21, x) == 1 && x[0] == 'a', "full-width A folds to a");
	ok(norm_fold_cp(0x5ABD, x) == 3 && !memcmp(x, "妈", 3), "traditional 媽 folds to 妈");
	ok(norm_fold_cp(0x5988, x) == 3 && !memcmp(x, "妈", 3), "simplified 妈 stays");
	return tap_done();
}
