/* test-relit.c - required literals of patterns, and the soundness of the filter. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "relit.h"
#include "tap.h"
#include "util.h"

static const char *lits(const char *pat)
{
	static char buf[512];
	struct relit r;
	size_t l = 0;
	relit_extract(pat, &r);
	buf[0] = 0;
	for (size_t i = 0; i < r.nalt; i++)
		l += (size_t)snprintf(buf + l, sizeof buf - l, "%s%s", i ? "|" : "", r.alt[i]);
	relit_release(&r);
	return buf;
}

static const char *pres(const char *pat)
{
	static char buf[512];
	struct relit r;
	size_t l = 0;
	relit_extract(pat, &r);
	buf[0] = 0;
	for (size_t i = 0; i < r.npre; i++)
		l += (size_t)snprintf(buf + l, sizeof buf - l, "%s%s", i ? "|" : "", r.pre[i]);
	relit_release(&r);
	return buf;
}

/* With prefix literals, the first match anchored at one of their occurrences (as the set
 * scan reports them) is the pattern's leftmost match. */
static int prefix_sound(const char *pat, const char *orig)
{
	char text[256];
	struct relit r;
	struct relit_set set;
	struct relit_found f;
	unsigned char may;
	int ec, rc, ok = 1;
	PCRE2_SIZE eo, s0 = 0, e0 = 0;
	const uint32_t *occ;
	size_t nocc, n;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_CASELESS | PCRE2_MULTILINE, &ec, &eo, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	for (n = 0; orig[n] && n < sizeof text - 1; n++) /* folded as the analysers fold */
		text[n] = (char)(orig[n] >= 'A' && orig[n] <= 'Z' ? orig[n] + 32 : orig[n]);
	text[n] = 0;
	memset(&f, 0, sizeof f);
	relit_extract(pat, &r);
	rc = pcre2_match(re, (PCRE2_SPTR)text, n, 0, 0, md, NULL);
	if (rc >= 0) {
		s0 = pcre2_get_ovector_pointer(md)[0];
		e0 = pcre2_get_ovector_pointer(md)[1];
	}
	if (r.npre) {
		relit_set_build(&set, &r, 1);
		relit_set_scan(&set, text, n, &may, &f);
		occ = relit_found_at(&f, 0, &nocc);
		ok = rc < 0;
		for (size_t i = 0; i < nocc; i++)
			if (pcre2_match(re, (PCRE2_SPTR)text, n, occ[i], PCRE2_ANCHORED, md, NULL) >= 0) {
				ok = rc >= 0 && pcre2_get_ovector_pointer(md)[0] == s0 &&
				     pcre2_get_ovector_pointer(md)[1] == e0;
				break;
			}
		relit_set_release(&set);
		relit_found_release(&f);
	}
	relit_release(&r);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return ok;
}

/* The filter never says no where the pattern matches (on text folded to lower case, as the
 * analysers fold it). */
static int sound(const char *pat, const char *orig)
{
	struct relit r;
	char text[256];
	size_t i;
	for (i = 0; orig[i] && i < sizeof text - 1; i++)
		text[i] = (char)(orig[i] >= 'A' && orig[i] <= 'Z' ? orig[i] + 32 : orig[i]);
	text[i] = 0;
	int ec, matched, may;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_CASELESS | PCRE2_MULTILINE, &ec, &eo, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	matched = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) >= 0;
	relit_extract(pat, &r);
	may = relit_may_match(&r, text, strlen(text));
	relit_release(&r);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return !matched || may;
}

int main(void)
{
	static const char *const pats[] = {
		"(感谢|鸣谢|谢谢).{0,16}(赞助|冠名)",
		"本(文|篇)?(由|获|为|是).{0,20}(赞助|广告)",
		"(受邀|应邀)",
		"(?<![a-z0-9&])#\\s?(ad|ads|sponsored)\\b",
		"^\\s*(ad|sponsored)\\s*[:|｜—-]",
		"邀请(我|了我)(去|来)",
		"a|b",
		"(x|)y?z*",
		"(?:限时|今日)(下单|购买)",
		"[\\[【(](广告|ad)[\\]】)]",
		"new+ arrival",
		"colou?r",
		"\\b(paid partnership|Sponsored by)\\b",
		"(#gifted\\b|\\b(gifted (by|from|to me)|(was|were) gifted|pr package))",
		"\\b(thanks?|thank you)\\b.{0,40}\\b(for (inviting|hosting)|invitation)\\b",
		"(a|b(c|d)?)e",
		"x(?=abc)|yz",
		"(?<!第)(\\d+|两|三)(款|样)(?!月)",
		"[吗呢吧][?？]",
		"(?:^|(?<=[^\\p{Han}])|(?<=谢谢|我的))(妈妈|朋友)(们)?(送|寄)",
		"(由|获).{1,16}(赞助|冠名)",
		"(?<![a-z0-9&])#\\s?(ad|ads)\\b",
		"(^|\\n)\\s*(广告|ad)",
		"(?:ab)?c",
		"[a-c]x",
	};
	static const char *const texts[] = {
		"谢谢大家的赞助", "本篇由品牌赞助", "这次受邀参加", "#ad 新品", "ad: 新品", "邀请我去玩",
		"a", "z", "今日下单", "【广告】", "newww arrival", "color", "COLOR", "sponsored by x",
		"nothing here", "", "感谢邀请", "本来广告",
		"i was gifted this", "gifted by brand", "#gifted", "thank you for inviting us",
		"thanks so much, invitation", "ae", "be", "bde", "xabc", "yz", "Was Gifted",
		"第3款 两样东西 12款月", "买了3款好物", "好吃吗？真的吧?", "我妈妈送的", "a朋友寄来",
		"谢谢朋友们寄", "由品牌赞助 获冠名", "x #ad", "广告\n广告", "abc", "bx",
	};
	is_str(lits("(感谢|鸣谢|谢谢).{0,16}(赞助|冠名)"), "感谢|鸣谢|谢谢",
	       "alternation group: first of equal length kept");
	is_str(lits("本(文|篇)?(由|获|为|是).{0,20}(赞助|冠名|特约|广告)"), "赞助|冠名|特约|广告",
	       "optional group skipped, the longest mandatory group wins");
	is_str(lits("a|b"), "a|b", "top-level alternation: the union of each side");
	is_str(lits("a|.+"), "", "an alternative without literals: no filter");
	is_str(lits("\\b(gifted (by|from)|pr package)\\b"), "gifted |pr package", "groups of non-literal alternatives: each side's best");
	is_str(lits("(?<![a-z])#(ad|ads)"), "ad|ads", "look-behind skipped");
	is_str(lits("colou?r"), "colo", "an optional character ends the run");
	is_str(lits("new+ arrival"), " arrival", "x+ keeps x, the run restarts after it");
	is_str(lits("\\b(Paid Partnership|Sponsored by)\\b"), "paid partnership|sponsored by",
	       "literals are lower-cased");
	is_str(lits("(x|)y"), "y", "a group with an empty alternative is not a candidate");
	is_str(lits("[广告]+"), "", "classes give nothing");
	is_str(pres("(由|获).{1,16}(赞助|冠名)"), "由|获", "prefix: the opening group");
	is_str(pres("本(文|篇)?(由|获)"), "本", "prefix: a run stops before an optional group");
	is_str(pres("colou?r"), "colo", "prefix: a run stops before an optional character");
	is_str(pres("(?<!日)本(机构|车行)"), "本", "prefix: look-behind skipped");
	is_str(pres("\\b(Paid|Gifted)\\b"), "paid|gifted", "prefix: \\b skipped, lower-cased");
	is_str(pres("(?:^|(?<=[a-z])|(?<=我))(妈妈|朋友)"), "妈妈|朋友",
	       "prefix: a group of zero-width alternatives is skipped");
	is_str(pres("\\d+(款|家)"), "0|1|2|3|4|5|6|7|8|9", "prefix: \\d is the ten digits");
	is_str(pres("[吗呢][?？]"), "吗|呢", "prefix: a class of plain characters");
	is_str(pres("[a-c]x"), "", "no prefix: a class with a range");
	is_str(pres("(^|\\n)广告"), "", "no prefix: an alternative that may be empty or an escape");
	is_str(pres("(?:ab)?c"), "", "no prefix: an optional group first");
	is_str(pres("a|.b"), "", "no prefix: one alternative without");
	is_str(pres("(x|)y"), "", "no prefix: an empty alternative");
	{
		int all = 1;
		for (size_t i = 0; i < NM_ARRAY_LEN(pats); i++)
			for (size_t j = 0; j < NM_ARRAY_LEN(texts); j++)
				if (!sound(pats[i], texts[j])) {
					all = 0;
					printf("# unsound: /%s/ on '%s'\n", pats[i], texts[j]);
				}
		ok(all, "the filter never rejects a text the pattern matches");
		all = 1;
		for (size_t i = 0; i < NM_ARRAY_LEN(pats); i++)
			for (size_t j = 0; j < NM_ARRAY_LEN(texts); j++)
				if (!prefix_sound(pats[i], texts[j])) {
					all = 0;
					printf("# prefix unsound: /%s/ on '%s'\n", pats[i], texts[j]);
				}
		ok(all, "anchored at prefix occurrences finds the leftmost match");
	}
	{
		struct relit r;
		relit_extract("(感谢|谢谢).{0,16}(赞助|冠名)", &r);
		ok(!relit_may_match(&r, "今天天气很好", strlen("今天天气很好")),
		   "a text without the literals is skipped");
		relit_release(&r);
	}
	return tap_done();
}
