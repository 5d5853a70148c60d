/* test-report.c - the report's building blocks (space-saving top-k, Spearman, stop-words)
 * and the accumulation + writers on records built in memory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report.h"
#include "tap.h"

static long count_of(const struct report_topk *t, const char *term)
{
	struct report_term buf[64];
	size_t n = report_topk_list(t, buf, 64);
	for (size_t i = 0; i < n; i++)
		if (buf[i].len == strlen(term) && memcmp(buf[i].term, term, buf[i].len) == 0)
			return buf[i].count;
	return -1;
}

static void test_topk_exact(void)
{
	struct report_topk *t = report_topk_new(10);
	struct report_term out[10];
	size_t n;

	report_topk_add(t, "好吃", strlen("好吃"));
	report_topk_add(t, "回购", strlen("回购"));
	report_topk_add(t, "好吃", strlen("好吃"));
	report_topk_add(t, "yyds", 4);
	report_topk_add(t, "好吃", strlen("好吃"));
	report_topk_add(t, "回购", strlen("回购"));
	n = report_topk_list(t, out, 10);
	is_int(n, 3, "three distinct terms");
	ok(n == 3 && out[0].count == 3 && out[0].len == strlen("好吃") &&
	   memcmp(out[0].term, "好吃", out[0].len) == 0, "most frequent first");
	ok(n == 3 && out[1].count == 2 && out[2].count == 1, "then by count");
	ok(n == 3 && out[0].err == 0 && out[2].err == 0, "no error while under capacity");
	is_int(report_topk_count(t, "回购", strlen("回购")), 2, "count of a kept term");
	is_int(report_topk_count(t, "踩雷", strlen("踩雷")), 0, "unseen term while not full: 0");
	is_int(report_topk_total(t), 6, "total adds");
	n = report_topk_list(t, out, 2);
	is_int(n, 2, "list honours max");
	/* ties are ordered by term bytes */
	report_topk_add(t, "abc", 3);
	report_topk_add(t, "abc", 3);
	n = report_topk_list(t, out, 10);
	ok(n == 4 && out[1].len == 3 && memcmp(out[1].term, "abc", 3) == 0,
	   "equal counts: byte order");
	/* too long terms are ignored */
	{
		char longterm[REPORT_TERM_MAX + 2];
		memset(longterm, 'x', sizeof(longterm));
		report_topk_add(t, longterm, sizeof(longterm));
		is_int(report_topk_list(t, out, 10), 4, "term longer than REPORT_TERM_MAX ignored");
	}
	report_topk_free(t);
}

/* Space-saving guarantees: with m counters over N adds, every term with true count > N/m is
 * kept, and count - err <= true <= count. */
static void test_topk_bounded(void)
{
	size_t cap = 50;
	struct report_topk *t = report_topk_new(cap);
	struct report_term *out = malloc(cap * sizeof(*out));
	char term[32];
	long heavy_true[5] = { 0 }, total = 0;
	int guarantee = 1, bounded = 1;
	size_t n;
	unsigned seed = 12345;

	for (int i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 4 == 0) { /* a quarter of the stream: 5 heavy hitters */
			int h = (int)((seed >> 8) % 5);
			snprintf(term, sizeof(term), "heavy%d", h);
			heavy_true[h]++;
		} else { /* the rest: about 150,000 distinct light terms */
			snprintf(term, sizeof(term), "light%d", i);
		}
		report_topk_add(t, term, strlen(term));
		total++;
	}
	n = report_topk_list(t, out, cap);
	ok(n == cap, "the summary holds at most its capacity (%zu)", n);
	for (int h = 0; h < 5; h++) {
		long c;
		snprintf(term, sizeof(term), "heavy%d", h);
		c = count_of(t, term);
		if (c < 0 || c < heavy_true[h])
			guarantee = 0;
		for (size_t i = 0; i < n; i++)
			if (out[i].len == strlen(term) && memcmp(out[i].term, term, out[i].len) == 0 &&
			    out[i].count - out[i].err > heavy_true[h])
				bounded = 0;
	}
	ok(guarantee, "every heavy hitter kept with count >= its true count");
	ok(bounded, "count - err never exceeds the true count");
	{
		int top5 = 1;
		for (int i = 0; i < 5; i++)
			if (strncmp(out[i].term, "heavy", 5) != 0)
				top5 = 0;
		ok(top5, "the five heavy hitters rank first");
	}
	ok(report_topk_count(t, "never-seen", 10) <= total / (long)cap,
	   "an unkept term's bound is at most N/m");
	report_topk_free(t);
	free(out);
}

static void test_spearman(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, up[] = { 2, 4, 8, 16, 32 }, down[] = { 9, 7, 5, 3, 1 };
	double ties[] = { 5, 6, 7, 8, 7 }, flat[] = { 3, 3, 3, 3, 3 };

	ok(fabs(report_spearman(x, up, 5) - 1) < 1e-12, "monotone increasing: 1");
	ok(fabs(report_spearman(x, down, 5) + 1) < 1e-12, "monotone decreasing: -1");
	/* ranks of ties: 1 2 3.5 5 3.5 -> rho = 8 / sqrt(10 * 9.5) */
	ok(fabs(report_spearman(x, ties, 5) - 8 / sqrt(95.0)) < 1e-12, "average ranks for ties");
	ok(isnan(report_spearman(x, flat, 5)), "constant side: NAN");
	ok(isnan(report_spearman(x, up, 2)), "fewer than 3 points: NAN");
}

static void test_stopwords(void)
{
	ok(report_is_stopword("的", strlen("的")), "的 is a stop-word");
	ok(report_is_stopword("the", 3), "the is a stop-word");
	ok(!report_is_stopword("好吃", strlen("好吃")), "好吃 is not");
	ok(!report_is_stopword("yyds", 4), "yyds is not");
}

static cJSON *note(const char *id, const char *title, const char *type, const char *sent,
		   double score, const char *cat, double liked, const char *const *tokens)
{
	cJSON *o = cJSON_CreateObject(), *t = cJSON_AddArrayToObject(o, "tokens");
	cJSON *nt = cJSON_AddObjectToObject(o, "note_type");
	cJSON *se = cJSON_AddObjectToObject(o, "sentiment");
	cJSON *rs = cJSON_AddObjectToObject(o, "resonance");
	cJSON *ev = cJSON_AddObjectToObject(rs, "evidence");
	cJSON *sp = cJSON_AddObjectToObject(o, "sips");
	cJSON *en = cJSON_AddObjectToObject(o, "engagement");

	cJSON_AddStringToObject(o, "note_id", id);
	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddStringToObject(o, "desc", "今天第一次去吃，口感很好");
	cJSON_AddStringToObject(o, "creator_hash", "c1");
	for (; tokens && *tokens; tokens++)
		cJSON_AddItemToArray(t, cJSON_CreateString(*tokens));
	cJSON_AddStringToObject(nt, "label", type);
	cJSON_AddStringToObject(se, "label", sent);
	cJSON_AddNumberToObject(se, "score", strcmp(sent, "negative") ? 0.5 : -0.5);
	cJSON_AddNumberToObject(rs, "score", score);
	cJSON_AddNumberToObject(rs, "emotional", 0.5);
	cJSON_AddNumberToObject(rs, "experiential", 0.25);
	cJSON_AddItemToObject(ev, "experiential", cJSON_CreateStringArray((const char *[]){ "口感" }, 1));
	cJSON_AddNumberToObject(sp, "identify", 0.4);
	cJSON_AddNumberToObject(sp, "participate", 0.2);
	cJSON_AddNumberToObject(sp, "share", 0.1);
	if (cat)
		cJSON_AddStringToObject(sp, "category", cat);
	else
		cJSON_AddNullToObject(sp, "category");
	if (liked >= 0)
		cJSON_AddNumberToObject(en, "liked", liked);
	else
		cJSON_AddNullToObject(en, "liked");
	return o;
}

static void test_report(void)
{
	static const char *const t1[] = { "好吃", "的", "回购", "。", "2024", "YYDS", NULL };
	static const char *const t2[] = { "踩雷", "的", "好吃", "好吃", NULL };
	struct report_opts o = { 0, 5, 100, "测试 <report>" };
	struct report *r = report_new(&o);
	struct strbuf md = STRBUF_INIT, html = STRBUF_INIT;
	cJSON *a = note("a1", "好吃 | 回购", "experience", "positive", 80, "food", 100, t1);
	cJSON *b = note("b1", "<踩雷>", "experience", "negative", 10, "food", 3, t2);
	cJSON *c = note("c1", "其他", "planting", "positive", 50, NULL, -1, t1);
	cJSON *bad = cJSON_Parse("{\"error\":{\"message\":\"invalid JSON at byte 3\",\"line\":9},\"raw\":\"{x\"}");

	report_count_file(r);
	report_add(r, a, "in.jsonl", 1);
	report_add(r, b, "in.jsonl", 2);
	report_add(r, c, "in.jsonl", 3);
	report_add(r, bad, "in.jsonl", 4);
	report_add_bad(r, "in.jsonl", 5, "invalid JSON: truncated");
	report_write_md(r, &md);
	report_write_html(r, &html);

	ok(strstr(md.buf, "# 测试 &lt;report&gt;\n") != NULL, "Markdown title escaped");
	ok(strstr(md.buf, "| records read | 5 |") != NULL, "records counted");
	ok(strstr(md.buf, "| notes | 3 | 60.0% |") != NULL, "notes counted");
	ok(strstr(md.buf, "| input problems (bad records) | 2 | 40.0% |") != NULL, "problems counted");
	ok(strstr(md.buf, "| in.jsonl:9 | invalid JSON at byte 3 |") != NULL,
	   "error record reported at its own line");
	ok(strstr(md.buf, "| experience 体验 | 2 | 66.7% |") != NULL, "note type distribution");
	ok(strstr(md.buf, "| category: food | 2 | 50.0% | 0.0% | 50.0% | 0.00 |") != NULL,
	   "sentiment by category");
	ok(strstr(md.buf, "| **all notes** | 3 | 好吃 (3), yyds (2), 回购 (2), 踩雷 (1) |") != NULL,
	   "top terms: document frequency, stop-words, numbers and punctuation out, lower case");
	ok(strstr(md.buf, "| 好吃 \\| 回购 — 今天第一次去吃，**口感**很好 (a1) |") != NULL,
	   "evidence highlighted, | escaped");
	ok(strstr(md.buf, "| 1 | 80 | experience | positive | 100 |") != NULL, "most resonant first");
	ok(strstr(md.buf, "on 2 notes") == NULL, "2 points: no correlation");
	ok(strstr(md.buf, "Not enough notes with engagement counts") != NULL, "engagement section");

	ok(strncmp(html.buf, "<!DOCTYPE html>\n<html lang=\"zh\">", 32) == 0, "HTML doctype, lang zh");
	ok(strstr(html.buf, "<title>测试 &lt;report&gt;</title>") != NULL, "HTML title escaped");
	ok(strstr(html.buf, "&lt;踩雷&gt;") != NULL, "note text escaped");
	ok(strstr(html.buf, "<script") == NULL, "no script");
	ok(strstr(html.buf, "http") == NULL, "no URL at all");
	ok(strstr(html.buf, "<mark class=\"p1\">口感</mark>") != NULL, "evidence marked by part");
	ok(strstr(html.buf, "@media print") != NULL, "print style");
	ok(strstr(html.buf, "</svg>") != NULL && strstr(html.buf, "</html>\n") != NULL, "complete");

	sb_release(&md);
	sb_release(&html);
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
	cJSON_Delete(bad);
	report_free(r);
}

/* Many notes with distinct terms: the summaries stay within capacity, the reservoir within
 * its size, and the correlation is computed on the sample. */
static void test_report_stream(void)
{
	struct report_opts o = { 64, 5, 200, NULL };
	struct report *r = report_new(&o);
	struct strbuf md = STRBUF_INIT;
	char id[32], tok[32];

	for (int i = 0; i < 5000; i++) {
		const char *toks[3] = { tok, "好吃", NULL };
		cJSON *n;
		snprintf(id, sizeof(id), "n%d", i);
		snprintf(tok, sizeof(tok), "词%d", i);
		n = note(id, "t", i % 3 ? "experience" : "other", i % 4 ? "positive" : "negative",
			 (double)(i % 101), "food", (double)(i % 101) * 2 + 1, toks);
		report_add(r, n, "s.jsonl", i + 1);
		cJSON_Delete(n);
	}
	report_write_md(r, &md);
	ok(strstr(md.buf, "on 200 notes (a uniform sample of the 5,000 notes with counts)") ||
	   strstr(md.buf, "on 200 notes (a uniform sample of the 5000 notes with counts)"),
	   "reservoir holds the sample size");
	ok(strstr(md.buf, "| **resonance score** | 1.000 |") != NULL,
	   "engagement monotone in resonance: rho 1 on the sample");
	ok(strstr(md.buf, "好吃 (5000)") != NULL, "a term in every note counted exactly");
	sb_release(&md);
	report_free(r);
}

int main(void)
{
	test_topk_exact();
	test_topk_bounded();
	test_spearman();
	test_stopwords();
	test_report();
	test_report_stream();
	return tap_done();
}
