/* test-record.c - the record reader (every input form), count parsing, UTF-8 helpers. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unistd.h>

#include "hmap.h"
#include "note.h"
#include "record.h"
#include "tap.h"
#include "utf8.h"
#include "util.h"

static char path[64];

static void write_tmp(const char *bytes, size_t n)
{
	FILE *f;
	snprintf(path, sizeof path, "/tmp/nm-test-record-%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(bytes, 1, n, f);
	fclose(f);
}

static const char *field(const struct record *r, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->obj, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_jsonl(void)
{
	const char in[] = "\xEF\xBB\xBF{\"a\":\"1\"}\r\n\n  \n{\"a\":\"2\"}\nnope\n[1]\n{\"a\":\"3\"}";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_AUTO, NULL);
	ok(r != NULL, "jsonl: opens");
	is_int(reader_next(r, &rec), REC_OK, "jsonl: first record");
	is_str(field(&rec, "a"), "1", "jsonl: BOM stripped, value read");
	is_int(rec.rawlen, 9, "jsonl: raw line excludes CR LF");
	is_int(rec.line, 1, "jsonl: line 1");
	is_int(reader_next(r, &rec), REC_OK, "jsonl: blank lines skipped");
	is_int(rec.line, 4, "jsonl: line number counts blank lines");
	is_int(reader_next(r, &rec), REC_BAD, "jsonl: invalid JSON is a bad record");
	is_int(rec.line, 5, "jsonl: bad record line");
	ok(rec.badlen == 4 && !memcmp(rec.bad, "nope", 4), "jsonl: bad record keeps raw bytes");
	is_int(reader_next(r, &rec), REC_BAD, "jsonl: non-object is bad");
	is_str(rec.error, "not a JSON object", "jsonl: non-object message");
	is_int(reader_next(r, &rec), REC_OK, "jsonl: last line without newline");
	is_str(field(&rec, "a"), "3", "jsonl: last value");
	is_int(reader_next(r, &rec), REC_EOF, "jsonl: eof");
	reader_close(r);
}

static void test_nul_and_truncated(void)
{
	const char in[] = "{\"a\":\"x\0y\"}\n{\"a\":\"tr";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_JSONL, NULL);
	is_int(reader_next(r, &rec), REC_BAD, "NUL byte: bad record");
	ok(strstr(rec.error, "NUL") != NULL, "NUL byte: message says so");
	is_int(reader_next(r, &rec), REC_BAD, "truncated: bad record");
	ok(strstr(rec.error, "truncated") != NULL, "truncated: message says so (%s)", rec.error);
	is_int(reader_next(r, &rec), REC_EOF, "truncated: eof");
	reader_close(r);
}

/* cJSON would take a control byte as white space or inside a string; the line is passed
 * through as written, so it must be a bad record, not invalid JSON output (found by fuzz-run). */
static void test_control_characters(void)
{
	const char in[] = "{\x06}\n{\"a\":\"x\x01y\"}\n{\t\"a\":\t\"tab\"}\n";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_JSONL, NULL);
	is_int(reader_next(r, &rec), REC_BAD, "control byte as white space: bad record");
	ok(strstr(rec.error, "control character 0x06 at byte 2") != NULL,
	   "control byte: message names it and its byte (%s)", rec.error);
	is_int(reader_next(r, &rec), REC_BAD, "raw control byte inside a string: bad record");
	is_int(reader_next(r, &rec), REC_OK, "tab as white space is JSON");
	is_str(field(&rec, "a"), "tab", "tab: value read");
	is_int(reader_next(r, &rec), REC_EOF, "control characters: eof");
	reader_close(r);
}

static void test_json_array(void)
{
	const char in[] = "[\n  {\n    \"a\": \"x]}\\\"\",\n    \"n\": [1, {\"b\": 2}]\n  },\n"
			  "  {\"a\": \"y\"},\n  3,\n  {\"a\": \"z\"}\n]\n";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_AUTO, NULL);
	is_int(reader_next(r, &rec), REC_OK, "array: first element");
	is_str(field(&rec, "a"), "x]}\"", "array: brackets and escapes inside strings");
	is_int(rec.line, 2, "array: element starts on line 2");
	ok(rec.raw == NULL, "array: no raw line (re-serialised)");
	is_int(reader_next(r, &rec), REC_OK, "array: second element");
	is_int(rec.line, 6, "array: second element line");
	is_int(reader_next(r, &rec), REC_BAD, "array: scalar element is bad");
	is_int(reader_next(r, &rec), REC_OK, "array: element after a bad one");
	is_str(field(&rec, "a"), "z", "array: last element");
	is_int(reader_next(r, &rec), REC_EOF, "array: eof");
	reader_close(r);

	write_tmp("[{\"a\":1},{\"a\":", 14);
	r = reader_open(path, INPUT_AUTO, NULL);
	is_int(reader_next(r, &rec), REC_OK, "truncated array: first element");
	is_int(reader_next(r, &rec), REC_BAD, "truncated array: truncated element is bad");
	is_int(reader_next(r, &rec), REC_EOF, "truncated array: then eof");
	reader_close(r);
}

static void test_csv(void)
{
	const char in[] = "\xEF\xBB\xBFnote_id,title,desc\r\n1,\"a, b\",\"line1\nline2 \"\"q\"\"\"\r\n"
			  "2,t,d\n3,only two\n4,\"open";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_CSV, NULL);
	is_int(reader_next(r, &rec), REC_OK, "csv: first row");
	is_str(field(&rec, "note_id"), "1", "csv: BOM stripped from the first header");
	is_str(field(&rec, "title"), "a, b", "csv: quoted comma");
	is_str(field(&rec, "desc"), "line1\nline2 \"q\"", "csv: embedded newline and quotes");
	is_int(rec.line, 2, "csv: row line");
	is_int(reader_next(r, &rec), REC_OK, "csv: second row");
	is_int(rec.line, 4, "csv: line after a multi-line field");
	is_int(reader_next(r, &rec), REC_BAD, "csv: short row is bad");
	is_int(reader_next(r, &rec), REC_BAD, "csv: unterminated quote is bad");
	ok(strstr(rec.error, "unterminated") != NULL, "csv: unterminated message");
	is_int(reader_next(r, &rec), REC_EOF, "csv: eof");
	reader_close(r);
}

static void test_text(void)
{
	const char in[] = "一\r\n\n\xff二";
	struct reader *r;
	struct record rec;
	write_tmp(in, sizeof in - 1);
	r = reader_open(path, INPUT_TEXT, NULL);
	is_int(reader_next(r, &rec), REC_OK, "text: line 1");
	is_str(field(&rec, "text"), "一", "text: CR dropped");
	is_int(reader_next(r, &rec), REC_OK, "text: blank line is a record");
	is_str(field(&rec, "text"), "", "text: blank text");
	is_int(reader_next(r, &rec), REC_OK, "text: invalid byte line");
	is_str(field(&rec, "text"), "\xEF\xBF\xBD二", "text: invalid byte repaired");
	is_int(reader_next(r, &rec), REC_EOF, "text: eof");
	reader_close(r);
}

static void test_count(void)
{
	static const struct {
		const char *in;
		double want;
	} cases[] = {
		{ "35", 35 },      { "1.1万", 11000 }, { "10万+", 100000 }, { "1.2w", 12000 },
		{ "1.2k", 1200 },  { "3千", 3000 },    { "10+", 10 },        { "1,234", 1234 },
		{ " 7 ", 7 },      { "1.5亿", 150000000 }, { "0", 0 },
	};
	double v;
	for (size_t i = 0; i < NM_ARRAY_LEN(cases); i++) {
		int rc = count_parse(cases[i].in, &v);
		ok(rc == 0 && v == cases[i].want, "count_parse(\"%s\") = %.0f", cases[i].in,
		   cases[i].want);
	}
	ok(count_parse("", &v) < 0, "count_parse: empty is absent");
	ok(count_parse(NULL, &v) < 0, "count_parse: NULL is absent");
	ok(count_parse("abc", &v) < 0, "count_parse: words are not counts");
	ok(count_parse("12x", &v) < 0, "count_parse: trailing junk rejected");
}

static void test_utf8_and_json(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct hmap m;
	uint32_t v = 0;
	ok(utf8_valid_len("\xE4\xB8\xAD", 3) == 3, "utf8: valid 3-byte");
	ok(utf8_valid_len("\xC0\x80", 2) == 0, "utf8: overlong rejected");
	ok(utf8_valid_len("\xED\xA0\x80", 3) == 0, "utf8: surrogate rejected");
	ok(utf8_valid_len("\xF4\x90\x80\x80", 4) == 0, "utf8: above U+10FFFF rejected");
	is_int(utf8_repair(&sb, "a\xff\0b", 4), 1, "utf8_repair: one replacement, NUL dropped");
	is_str(sb.buf, "a\xEF\xBF\xBD" "b", "utf8_repair: result");
	sb_reset(&sb);
	sb_add_json_str(&sb, "q\"\\\n\x01\xfe中", strlen("q\"\\\n\x01\xfe中"));
	is_str(sb.buf, "\"q\\\"\\\\\\n\\u0001\xEF\xBF\xBD中\"", "json string escaping");
	sb_reset(&sb);
	sb_add_json_num(&sb, 0.12345);
	sb_addc(&sb, ' ');
	sb_add_json_num(&sb, -0.00001);
	sb_addc(&sb, ' ');
	sb_add_json_num(&sb, 42);
	is_str(sb.buf, "0.1235 0 42", "json numbers");
	sb_release(&sb);
	hmap_init(&m);
	for (uint32_t i = 0; i < 1000; i++) {
		char k[16];
		snprintf(k, sizeof k, "k%u", i);
		hmap_put(&m, k, strlen(k), i);
	}
	ok(hmap_get(&m, "k777", 4, &v) && v == 777, "hmap: get after growth");
	ok(hmap_del(&m, "k777", 4) && !hmap_get(&m, "k777", 4, NULL), "hmap: delete");
	{
		int all = 1;
		for (uint32_t i = 0; i < 1000; i++) {
			char k[16];
			snprintf(k, sizeof k, "k%u", i);
			if (i != 777 && (!hmap_get(&m, k, strlen(k), &v) || v != i))
				all = 0;
		}
		ok(all, "hmap: every other key survives deletion");
	}
	hmap_release(&m);
}

int main(void)
{
	test_jsonl();
	test_nul_and_truncated();
	test_control_characters();
	test_json_array();
	test_csv();
	test_text();
	test_count();
	test_utf8_and_json();
	unlink(path);
	return tap_done();
}
