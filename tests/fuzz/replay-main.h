/*
 * replay-main.h - a main() for the fuzz targets when built without libFuzzer
 * (-DNM_FUZZ_MAIN): runs LLVMFuzzerTestOneInput on each file named on the command line, so a
 * crash input or the seed corpus can be replayed under gdb, valgrind or plain sanitizers.
 * Included at the end of each target. A target that keeps state between inputs defines
 * NM_FUZZ_CLEANUP as the name of a function that frees it (leak checkers then see nothing).
 */
#ifdef NM_FUZZ_MAIN
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (nm_read_file(argv[i], &sb) < 0)
			return 2;
		LLVMFuzzerTestOneInput((const uint8_t *)(sb.buf ? sb.buf : ""), sb.len);
		sb_release(&sb);
	}
#ifdef NM_FUZZ_CLEANUP
	NM_FUZZ_CLEANUP();
#endif
	printf("ran %d inputs\n", argc - 1);
	return 0;
}
#endif
