/*
 * cmd.h - the commands (one file each, cmd-<name>.c) and the option parsing they share.
 * Every command returns its exit code: 0 ok, 1 some input records were bad, 2 usage, I/O or
 * lexicon error.
 */
#ifndef NM_CMD_H
#define NM_CMD_H

#include "pipeline.h"
#include "record.h"

int cmd_tokenize(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Options common to the stage commands (and report). */
struct cli {
	struct pipeline_opts po;
	enum input_format input;
	const char *encoding;   /* --encoding NAME */
	int skip_bad;           /* --skip-bad */
	int jobs;               /* -j N (0: all cores) */
	int progress;           /* --progress (also on when stderr is a terminal) */
	const char *output;     /* -o FILE (report) */
	const char *report_format; /* report --format html|md */
	char **files;           /* operands; none: stdin */
	int nfiles;
};

/* Parse argv (argv[0] is the command name) into c for a stage command. Returns 0, 1 when
 * --help was printed, or -1 after a usage error message. usage is the command's help text. */
int cli_parse(struct cli *c, int argc, char **argv, int stages, const char *usage);

/* The shared part of every stage command: read every file, process, write stdout.
 * Returns the exit code. */
int cli_run_stages(struct cli *c);

/* Options text shared by the stage commands' --help. */
extern const char cli_common_help[];

#endif
