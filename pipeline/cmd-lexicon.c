/* cmd-lexicon.c - `notemine lexicon`: placeholder until the lexicon tools land. */
#include "cmd.h"

int cmd_lexicon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("lexicon: not built yet") < 0 ? 2 : 2;
}
