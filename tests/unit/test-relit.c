/* test-relit.c - required literals of patterns, and the soundness of the filter. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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
	};
	static const char *const texts[] = {
		"谢谢大家的赞助", "本篇由品牌赞助", "这次受邀参加", "#ad 新品", "ad: 新品", "邀请我去玩",
		"a", "z", "今日下单", "【广告】", "newww arrival", "color", "COLOR", "sponsored by x",
		"nothing here", "", "感谢邀请", "本来广告",
		"i was gifted this", "gifted by brand", "#gifted", "thank you for inviting us",
		"thanks so much, invitation", "ae", "be", "bde", "xabc", "yz", "Was Gifted",
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
	{
		int all = 1;
		for (size_t i = 0; i < NM_ARRAY_LEN(pats); i++)
			for (size_t j = 0; j < NM_ARRAY_LEN(texts); j++)
				if (!sound(pats[i], texts[j])) {
					all = 0;
					printf("# unsound: /%s/ on '%s'\n", pats[i], texts[j]);
				}
		ok(all, "the filter never rejects a text the pattern matches");
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
