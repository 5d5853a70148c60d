/*
 * test-discover.c - new-word discovery on a made-up corpus: an invented word used in
 * varied contexts is found whole with its statistics, its fragments are not; known words,
 * chains of known words, tag-only phrases and repeated signature lines are not proposed;
 * a word of one author scores lower.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "discover.h"
#include "normalize.h"
#include "tap.h"
#include "util.h"

static const char *const pool[] = { "天", "地", "山", "水", "火", "木", "金", "土", "日", "月",
				    "星", "云", "风", "雨", "雪", "花", "草", "树", "鸟", "鱼",
				    "虫", "马", "牛", "羊", "猪", "狗", "猫", "石", "沙", "河" };

static unsigned long long rng = 0x2545F4914F6CDD1DULL;

static const char *pick(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return pool[rng % NM_ARRAY_LEN(pool)];
}

static const struct discover_word *find(const struct discover_word *w, size_t n, const char *t)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w[i].term, t))
			return &w[i];
	return NULL;
}

int main(void)
{
	char wl[] = "/tmp/nm-test-discover-XXXXXX";
	int fd = mkstemp(wl);
	FILE *f;
	struct discover_opts o;
	struct discover *d;
	const struct discover_word *w, *x, *y;
	struct strbuf sb = STRBUF_INIT;
	char author[16];
	size_t n;

	if (fd < 0)
		return 2;
	f = fdopen(fd, "w");
	/* a tiny base dictionary: two words and a frequent single character */
	fputs("咖啡 5000 n\n蛋糕 4000 n\n好 90000 a\n", f);
	fclose(f);
	norm_init(1);
	discover_opts_init(&o);
	o.word_list = wl;
	o.min_cohesion = 2; /* a small corpus: cohesion is bounded by N / freq */
	d = discover_new(&o);
	ok(d != NULL, "discover_new with a word list");

	for (int i = 0; i < 60; i++) {
		sb_reset(&sb);
		/* the invented word and a known word, between varied neighbours */
		for (int k = 0; k < 3; k++)
			sb_addf(&sb, "%s%s璞绮岚%s%s，%s咖啡%s。", pick(), pick(), pick(), pick(), pick(),
				pick());
		/* a chain of known words */
		sb_addf(&sb, "%s咖啡蛋糕%s。", pick(), pick());
		/* a phrase only ever used as a topic tag */
		sb_adds(&sb, " #想记录下此刻[话题]# ");
		/* the same signature line in every note */
		sb_adds(&sb, "\n关注我每天分享城里好店铺\n");
		/* a word only one author uses (note 0, 5, 10 ...: author a0) */
		if (i % 5 == 0)
			sb_addf(&sb, "%s%s麟凰阁%s%s，%s麟凰阁%s。", pick(), pick(), pick(), pick(),
				pick(), pick());
		/* a word as frequent, in as many notes, but of five authors */
		if (i % 5 == (i / 5) % 5)
			sb_addf(&sb, "%s%s翡沅居%s%s，%s翡沅居%s。", pick(), pick(), pick(), pick(),
				pick(), pick());
		snprintf(author, sizeof author, "a%d", i % 5);
		discover_add_by(d, sb.buf, sb.len, author);
	}
	is_int(discover_nnotes(d), 60, "60 notes");
	discover_run(d, &w, &n);
	ok(n > 0, "candidates found");
	if (!n)
		return tap_done();
	is_str(w[0].term, "璞绮岚", "the invented word ranks first");
	is_int(w[0].freq, 180, "its frequency");
	is_int(w[0].df, 60, "its note count");
	is_int(w[0].da, 5, "its author count");
	ok(w[0].left_entropy > 3 && w[0].right_entropy > 3, "free on both sides (%.2f, %.2f)",
	   w[0].left_entropy, w[0].right_entropy);
	ok(w[0].cohesion >= 2, "cohesive (%.1f)", w[0].cohesion);
	ok(w[0].example && strstr(w[0].example, "璞绮岚") && !strchr(w[0].example, '\n'),
	   "example: one line holding the term");
	ok(!find(w, n, "璞绮") && !find(w, n, "绮岚"), "no fragments of it");
	ok(!find(w, n, "咖啡"), "a known word is not new");
	ok(!find(w, n, "咖啡蛋糕"), "a chain of known words is not new");
	ok(!find(w, n, "想记录下此刻") && !find(w, n, "记录下此刻"), "tag-only phrases are not words");
	ok(!find(w, n, "关注我每天分享城里好店铺") && !find(w, n, "城里好店铺"),
	   "a repeated signature line counts once");
	x = find(w, n, "麟凰阁");
	y = find(w, n, "翡沅居");
	ok(x && y, "both single-context words found");
	if (x && y) {
		is_int(x->da, 1, "one author");
		is_int(y->da, 5, "five authors");
		is_int(x->df, y->df, "as many notes");
		ok(x->score > 0 && x->score < y->score,
		   "the word of one author ranks lower (%.1f < %.1f)", x->score, y->score);
	}
	for (size_t i = 1; i < n; i++)
		if (w[i].score > w[i - 1].score) {
			ok(0, "sorted by score");
			break;
		}
	discover_free(d);

	/* an empty corpus */
	d = discover_new(&o);
	discover_add(d, "hello, world", 12);
	discover_run(d, &w, &n);
	is_int(n, 0, "no Han text, no candidates");
	discover_free(d);
	sb_release(&sb);
	unlink(wl);
	return tap_done();
}
