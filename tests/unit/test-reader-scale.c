/* test-reader-scale.c - the reader's scale and robustness parts: encoding detection and
 * conversion, deferred (thread-side) JSON parsing, detaching objects, reading from memory. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "tap.h"
#include "util.h"

/* "这款面霜很好用" in GB18030 */
static const char gb_phrase[] = "\xd5\xe2\xbf\xee\xc3\xe6\xcb\xaa\xba\xdc\xba\xc3\xd3\xc3";

static void test_looks_foreign(void)
{
	struct strbuf sb = STRBUF_INIT;
	ok(!record_looks_foreign("{\"a\":\"\xe5\xa5\xbd\xe7\x94\xa8\"}\n", 16), "UTF-8 is not foreign");
	ok(!record_looks_foreign("{\"a\":\"\xff\xfe \xe5\x9b\x9b\"}", 13), "two stray bytes are not foreign");
	for (int i = 0; i < 4; i++)
		sb_add(&sb, gb_phrase, sizeof gb_phrase - 1);
	ok(record_looks_foreign(sb.buf, sb.len), "GB18030 text is foreign");
	ok(record_looks_foreign("\xff\xfe{\0\"\0", 6), "UTF-16LE BOM is foreign");
	ok(record_looks_foreign("{\0\"\0a\0\"\0:\0\"\0b\0\"\0}\0\n\0", 20), "UTF-16 without BOM is foreign");
	/* a UTF-8 sequence cut by the end of the sample does not count */
	ok(!record_looks_foreign("\xe5\xa5\xbd\xe7\x94", 5), "cut sequence at the end is not foreign");
	is_str(record_guess_encoding(sb.buf, sb.len), "GB18030", "ucsdet names GB18030");
	sb_release(&sb);
}

static void test_parse_json(void)
{
	cJSON *o;
	char msg[128];
	is_int(record_parse_json("{\"a\":1}", 7, &o, msg, sizeof msg), REC_OK, "object parses");
	ok(o && cJSON_IsObject(o), "object returned");
	cJSON_Delete(o);
	is_int(record_parse_json("{\"a\":1}  \r\n", 11, &o, msg, sizeof msg), REC_OK, "trailing white space ok");
	cJSON_Delete(o);
	is_int(record_parse_json("{\"a\":1} {\"b\":2}", 15, &o, msg, sizeof msg), REC_BAD, "two objects on a line");
	is_str(msg, "invalid JSON: text after the value at byte 9", "trailing text message");
	ok(o == NULL, "no object on error");
	record_parse_json("{\"a\":\"tr", 8, &o, msg, sizeof msg);
	is_str(msg, "invalid JSON: truncated", "truncated message");
	record_parse_json("[1]", 3, &o, msg, sizeof msg);
	is_str(msg, "not a JSON object", "non-object message");
	record_parse_json("{\"a\":\"x\0y\"}", 11, &o, msg, sizeof msg);
	is_str(msg, "NUL byte at byte 8", "NUL message");
	{
		struct strbuf sb = STRBUF_INIT;
		sb_adds(&sb, "{\"a\":");
		for (int i = 0; i < 5000; i++)
			sb_addc(&sb, '[');
		for (int i = 0; i < 5000; i++)
			sb_addc(&sb, ']');
		sb_addc(&sb, '}');
		is_int(record_parse_json(sb.buf, sb.len, &o, msg, sizeof msg), REC_BAD, "5000 deep is bad");
		ok(!strncmp(msg, "invalid JSON: nested deeper than", 32), "deep message: %s", msg);
		sb_release(&sb);
	}
}

static void test_deferred_and_detach(void)
{
	const char in[] = "{\"a\":\"1\"}\nnope\n{\"a\":\"2\"}\n";
	struct reader *r = reader_open_mem(in, sizeof in - 1, "mem", INPUT_AUTO, NULL);
	struct record rec;
	cJSON *kept;
	ok(r != NULL, "open_mem");
	reader_set_deferred(r, 1);
	is_int(reader_next(r, &rec), REC_OK, "deferred: OK");
	ok(rec.obj == NULL && rec.rawlen == 9 && !memcmp(rec.raw, "{\"a\":\"1\"}", 9), "deferred: raw line, no object");
	is_int(reader_next(r, &rec), REC_OK, "deferred: invalid JSON is not judged by the reader");
	is_int(rec.line, 2, "deferred: line");
	reader_set_deferred(r, 0);
	is_int(reader_next(r, &rec), REC_OK, "parsed again");
	kept = reader_detach(r);
	ok(kept && kept == rec.obj, "detach hands the object over");
	is_int(reader_next(r, &rec), REC_EOF, "eof");
	is_int(reader_offset(r), sizeof in - 1, "offset at the end");
	reader_close(r);
	is_str(cJSON_GetObjectItem(kept, "a")->valuestring, "2", "detached object outlives the reader");
	cJSON_Delete(kept);
}

static void test_encoding(void)
{
	struct strbuf gb = STRBUF_INIT;
	struct reader *r;
	struct record rec;
	long n = 0;
	int all_ok = 1;
	/* 2000 lines, so conversion spans many refills of the 64 KB raw buffer */
	for (int i = 0; i < 2000; i++) {
		sb_adds(&gb, "{\"title\":\"");
		sb_add(&gb, gb_phrase, sizeof gb_phrase - 1);
		sb_adds(&gb, "\"}\n");
	}
	r = reader_open_mem(gb.buf, gb.len, "gb", INPUT_AUTO, NULL);
	ok(r == NULL, "GB18030 refused without --encoding");
	r = reader_open_mem(gb.buf, gb.len, "gb", INPUT_AUTO, "GB18030");
	ok(r != NULL, "GB18030 opens with an encoding");
	while (r && reader_next(r, &rec) == REC_OK) {
		const cJSON *t = cJSON_GetObjectItem(rec.obj, "title");
		n++;
		if (!cJSON_IsString(t) || strcmp(t->valuestring, "这款面霜很好用"))
			all_ok = 0;
	}
	is_int(n, 2000, "every converted record read");
	ok(all_ok, "every record converted to UTF-8");
	if (r)
		is_int(reader_offset(r), gb.len, "offset counts input bytes");
	reader_close(r);
	r = reader_open_mem(gb.buf, gb.len, "gb", INPUT_AUTO, "NO-SUCH-CHARSET");
	ok(r == NULL, "unknown encoding refused");
	r = reader_open_mem(gb.buf, gb.len, "gb", INPUT_AUTO, "utf-8");
	ok(r != NULL, "--encoding UTF-8 skips detection");
	reader_close(r);
	sb_release(&gb);
	/* UTF-16LE with a BOM, converted: the BOM is dropped by the converter or the reader */
	{
		const char u16[] = "\xff\xfe{\0\"\0a\0\"\0:\0\"\0}Y\"\0}\0\n\0";
		r = reader_open_mem(u16, sizeof u16 - 1, "u16", INPUT_AUTO, "UTF-16");
		ok(r != NULL, "UTF-16 opens");
		is_int(r ? reader_next(r, &rec) : -9, REC_OK, "UTF-16 record");
		is_str(r && rec.obj ? cJSON_GetObjectItem(rec.obj, "a")->valuestring : NULL,
		       "\xe5\xa5\xbd", "UTF-16 value converted");
		reader_close(r);
	}
}

int main(void)
{
	test_looks_foreign();
	test_parse_json();
	test_deferred_and_detach();
	test_encoding();
	return tap_done();
}
