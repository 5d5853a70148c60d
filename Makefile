# notemine - one Makefile. `make` builds ./notemine; `make run` and `make test` also install
# missing Debian packages first (scripts/install-deps.sh). See README.md.

CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
DATA ?= ../shared/data
PKGS = icu-uc icu-i18n libpcre2-8 libcjson libutf8proc

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

OPT ?= -O2
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wno-format-nonliteral -Wvla -Wpointer-arith -Wundef
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT = -O1
endif
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 $(OPT) -g $(WARN) $(SANFLAGS) \
	     $(PKG_CFLAGS) -Ipipeline $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm

# Objects of each flag set live apart, so a sanitizer build never mixes with a plain one.
FLAGS_ID := $(shell printf '%s' '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' | cksum | cut -d' ' -f1)
B = build/$(FLAGS_ID)

SRC := $(wildcard pipeline/*.c)
CLI_SRC := pipeline/main.c $(wildcard pipeline/cmd-*.c)
LIB_SRC := $(filter-out $(CLI_SRC),$(SRC))
LIB_OBJ := $(LIB_SRC:pipeline/%.c=$(B)/%.o)
CLI_OBJ := $(CLI_SRC:pipeline/%.c=$(B)/%.o)
HDR := $(wildcard pipeline/*.h)
UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# the fuzz targets built with their replay main(): `check` runs them on the committed seeds
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/tests/replay-%)

.PHONY: all deps run test unit-test golden-test cli-test check eval eval-seg eval-sentiment \
	eval-notetype eval-resonance bench fuzz install uninstall clean
.DEFAULT_GOAL := all

all: notemine

# Every output is written to a temporary name and renamed, so concurrent makes in one tree
# never see half-written files.
$(B)/%.o: pipeline/%.c $(HDR) | $(B)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@.$$$$.tmp $< && mv -f $@.$$$$.tmp $@

$(B):
	@mkdir -p $(B)/tests

$(B)/libnotemine.a: $(LIB_OBJ)
	@rm -f $@.$$$$.tmp && ar rcs $@.$$$$.tmp $^ && mv -f $@.$$$$.tmp $@

# The binary is relinked whenever the flag set changes (the stamp records the last one).
build/flags.stamp: FORCE
	@mkdir -p build; printf '%s\n' '$(FLAGS_ID)' | cmp -s - $@ || printf '%s\n' '$(FLAGS_ID)' > $@
FORCE:

notemine: $(CLI_OBJ) $(B)/libnotemine.a build/flags.stamp
	@echo "  LINK    $@"
	@$(CC) $(ALL_LDFLAGS) -o $@.$$$$.tmp $(CLI_OBJ) $(B)/libnotemine.a $(LIBS) && mv -f $@.$$$$.tmp $@

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libnotemine.a $(HDR) | $(B)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@.$$$$.tmp $< $(B)/libnotemine.a $(ALL_LDFLAGS) $(LIBS) && \
		mv -f $@.$$$$.tmp $@

$(B)/tests/replay-%: tests/fuzz/%.c tests/fuzz/replay-main.h $(B)/libnotemine.a $(HDR) | $(B)
	@echo "  CC      $< (replay)"
	@$(CC) $(ALL_CFLAGS) -DNM_FUZZ_MAIN -o $@.$$$$.tmp $< $(B)/libnotemine.a $(ALL_LDFLAGS) $(LIBS) && \
		mv -f $@.$$$$.tmp $@

deps:
	@sh scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory notemine
	@sh scripts/run-sample.sh

test: deps
	@$(MAKE) --no-print-directory check

# `check` is `test` without the package step (for machines that are already set up).
check: notemine $(UNIT_BIN) $(REPLAY_BIN)
	@sh tests/run-all.sh $(B)/tests

unit-test: $(UNIT_BIN) $(REPLAY_BIN)
	@sh tests/run-all.sh $(B)/tests unit

eval: eval-seg eval-sentiment eval-notetype eval-resonance
eval-seg: notemine
	@sh scripts/eval-seg.sh '$(DATA)'
eval-sentiment: notemine
	@sh scripts/eval-sentiment.sh '$(DATA)' --classes
eval-notetype: notemine
	@sh scripts/eval-notetype.sh
eval-resonance: notemine
	@sh scripts/eval-resonance.sh '$(DATA)'

bench: notemine
	@sh scripts/bench.sh '$(DATA)'

fuzz:
	@sh tests/fuzz/run.sh

install: notemine
	install -d '$(DESTDIR)$(PREFIX)/bin' '$(DESTDIR)$(PREFIX)/share/notemine'
	install -m 755 notemine '$(DESTDIR)$(PREFIX)/bin/notemine'
	cp -R lexicons '$(DESTDIR)$(PREFIX)/share/notemine/'

uninstall:
	rm -f '$(DESTDIR)$(PREFIX)/bin/notemine'
	rm -rf '$(DESTDIR)$(PREFIX)/share/notemine'

clean:
	rm -rf build notemine out
