/* cmd-report.c - `notemine report`: placeholder until the report lands. */
#include "cmd.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("report: not built yet") < 0 ? 2 : 2;
}
