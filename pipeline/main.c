/*
 * main.c - the notemine command line: dispatch to one command (git's builtin table).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} commands[] = {
	{ "tokenize", cmd_tokenize, "split notes into tokens (adds \"tokens\")" },
	{ "classify", cmd_classify, "label note type and sentiment (adds \"note_type\", \"sentiment\")" },
	{ "score", cmd_score, "rate resonance and SIPS (adds \"engagement\", \"resonance\", \"sips\")" },
	{ "run", cmd_run, "all stages in one process" },
	{ "lexicon", cmd_lexicon, "check, list, extend and compile lexicons; discover new words" },
	{ "report", cmd_report, "write an HTML or Markdown report of a labelled dump" },
	{ "help", cmd_help, "show help for a command" },
};

int cmd_help(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < NM_ARRAY_LEN(commands); i++)
			if (!strcmp(argv[1], commands[i].name) && commands[i].fn != cmd_help) {
				char *args[] = { argv[1], (char *)"--help", NULL };
				return commands[i].fn(2, args);
			}
		error("help: unknown command '%s'", argv[1]);
		return 2;
	}
	printf("usage: notemine COMMAND [OPTIONS] [FILE...]\n\n"
	       "Text mining for Xiaohongshu (RedNote) notes: tokens, note type, sentiment,\n"
	       "resonance and SIPS scores, each label with its evidence.\n\n"
	       "Commands:\n");
	for (size_t i = 0; i < NM_ARRAY_LEN(commands); i++)
		printf("  %-9s %s\n", commands[i].name, commands[i].what);
	printf("\nInput: MediaCrawler JSON Lines, JSON arrays, CSV, or plain text (--text);\n"
	       "no FILE or '-' reads standard input. Output: JSON Lines on standard output.\n"
	       "Pipes: notemine tokenize notes.jsonl | notemine classify | notemine score\n\n"
	       "Exit codes: 0 ok; 1 some input records were bad (reported, run went on);\n"
	       "2 usage, I/O or lexicon error.\n\n"
	       "'notemine COMMAND --help' for a command's options.\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *name;
	if (argc < 2) {
		cmd_help(1, argv);
		return 2;
	}
	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return cmd_help(1, argv);
	if (!strcmp(name, "--version")) {
		printf("notemine 0.1.0\n");
		return 0;
	}
	for (size_t i = 0; i < NM_ARRAY_LEN(commands); i++)
		if (!strcmp(name, commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	error("unknown command '%s' (see 'notemine help')", name);
	return 2;
}
