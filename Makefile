# sukien — build with `make`, test with `make check`, sanitizers with `make check SAN=1`.
CC      ?= cc
PKGS    := libutf8proc jansson libxml-2.0 zlib sqlite3 libpq libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I$(shell pg_config --includedir 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -Wvla -Wformat=2
CSTD    := -std=c17 -D_GNU_SOURCE
# -O3 and link-time optimisation: 5 % fewer instructions for `sukien code`
# than -O2 (callgrind, 300 articles and the whole corpus-1x alike).
OPT     ?= -O3 -g -flto=auto
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SAN),1)
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
BUILD   ?= build-san
endif
BUILD   ?= build

CFLAGS_ALL := -DSK_DATA_DIR=\"$(CURDIR)/data\" $(CSTD) $(OPT) $(WARN) -Isrc/lib $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(OPT) $(LDFLAGS)

LIB_SRC := $(sort $(wildcard src/lib/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
SRV_SRC := $(sort $(wildcard src/server/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o) $(SRV_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)

.PHONY: all check unit cli-tests clean format format-check bench fuzz fuzz-smoke test demo web-test crash-test
all: $(BUILD)/sukien sukien

$(BUILD)/libsukien.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/sukien: $(CLI_OBJ) $(BUILD)/libsukien.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libsukien.a $(PKG_LIBS)

# Convenience link at the top of the tree for the default build.
sukien: $(BUILD)/sukien
	@if [ "$(BUILD)" = build ]; then ln -sf build/sukien sukien; fi

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/cli -Isrc/server -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libsukien.a tests/unit/check.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libsukien.a $(PKG_LIBS)

# VALGRIND=1: unit and CLI tests under valgrind memcheck (tests/valgrind/vg.sh;
# errors and definite leaks fail; docs/ROBUSTNESS.md). Use the default build.
ifeq ($(VALGRIND),1)
VG := $(CURDIR)/tests/valgrind/vg.sh
endif

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  SUKIEN_DATA=$(CURDIR)/data SHARED=$(CURDIR)/../shared $(VG) $$t || fail=1; done; exit $$fail

cli-tests: $(BUILD)/sukien
	@SUKIEN=$(CURDIR)/$(BUILD)/sukien SUKIEN_DATA=$(CURDIR)/data VALGRIND=$(or $(VALGRIND),0) \
	  tests/cli/run.sh

check: unit cli-tests

FORMAT_SRC = src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/tools/*.c fuzz/*.c
format:
	clang-format -i $(FORMAT_SRC)

# Fails when a C file is not as `make format` would leave it (part of `make test`).
format-check:
	clang-format --dry-run --Werror $(FORMAT_SRC)

clean:
	rm -rf build build-san build-fuzz sukien

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# The whole suite as CI runs it: strict build, tests, tests again under ASan+UBSan,
# the browser tests, and each libFuzzer target briefly on its corpus.
test:
	$(MAKE) format-check
	$(MAKE) WERROR=1 all
	$(MAKE) WERROR=1 check
	$(MAKE) SAN=1 WERROR=1 check
	$(MAKE) web-test
	$(MAKE) fuzz-smoke FUZZ_SECS=5

# The main job on the embedded default store, over the example articles in examples/.
demo: all
	./scripts/demo.sh

# libFuzzer targets (clang): `make fuzz` builds build-fuzz/fuzz_*, `make fuzz-smoke`
# runs each for FUZZ_SECS seconds on its seed corpus (new inputs go to build-fuzz/corpus).
FUZZ_CC    ?= clang
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := $(CSTD) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) -Isrc/lib $(PKG_CFLAGS)
FUZZ_SRC   := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN   := $(FUZZ_SRC:fuzz/%.c=build-fuzz/%)
FUZZ_OBJ   := $(LIB_SRC:%.c=build-fuzz/%.o)
FUZZ_SECS  ?= 20

fuzz: $(FUZZ_BIN)

build-fuzz/src/lib/%.o: src/lib/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build-fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

# fuzz_query also drives the API routes (src/server/api.c) and builds its store
# from fuzz/fixtures/query.jsonl with the lexicon in data/.
FUZZ_SRV_OBJ := build-fuzz/src/server/api.o
build-fuzz/src/server/%.o: src/server/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc/server -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build-fuzz/fuzz_query: fuzz/fuzz_query.c $(FUZZ_OBJ) $(FUZZ_SRV_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc/server -DSK_DATA_DIR=\"$(CURDIR)/data\" \
	  -DSK_FUZZ_FIXTURE=\"$(CURDIR)/fuzz/fixtures/query.jsonl\" -fsanitize=fuzzer \
	  -o $@ $< $(FUZZ_SRV_OBJ) $(FUZZ_OBJ) $(PKG_LIBS)

# fuzz_code codes its inputs with the lexicon in data/.
build-fuzz/fuzz_code: fuzz/fuzz_code.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DSK_DATA_DIR=\"$(CURDIR)/data\" -fsanitize=fuzzer \
	  -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

fuzz-smoke: fuzz
	@for t in $(FUZZ_BIN); do n=$${t#build-fuzz/fuzz_}; mkdir -p build-fuzz/corpus/$$n; \
	  echo "fuzz-smoke: $$n ($(FUZZ_SECS) s)"; \
	  d=; if [ -f fuzz/$$n.dict ]; then d=-dict=fuzz/$$n.dict; fi; \
	  $$t -max_total_time=$(FUZZ_SECS) -print_final_stats=1 $$d \
	    build-fuzz/corpus/$$n fuzz/corpus/$$n || exit 1; done

-include $(FUZZ_OBJ:.o=.d) $(FUZZ_SRV_OBJ:.o=.d)

# Speed and scale on the shared corpus replicated 1x/4x/16x (not part of `make test`):
# lexicon load, clean/code throughput, cost growth, GNU parallel, ingest, vntk peer.
# Results in bench/out/results.md; see docs/BENCHMARKS.md. BENCH=... picks sections.
bench: all
	bench/run.sh $(BENCH)

# ---------------------------------------------------------------- sukien serve
# The web page (web/*) is embedded in the binary: src/server/assets.c includes
# the arrays scripts/embed-assets.sh generates, so `sukien serve` runs from any cwd.
WEB_ASSETS := $(sort $(wildcard web/*.html web/*.js web/*.css web/*.svg))
$(BUILD)/gen/web_assets.inc: $(WEB_ASSETS) scripts/embed-assets.sh
	@mkdir -p $(dir $@)
	scripts/embed-assets.sh $@ $(WEB_ASSETS)
$(BUILD)/src/server/assets.o: $(BUILD)/gen/web_assets.inc
$(BUILD)/src/server/assets.o: CFLAGS_ALL += -I$(BUILD)/gen

# sukien-fake: the serve command over an in-memory fake store (tests/fakes/),
# for HTTP tests that need no database (store errors, limits).
FAKE_OBJ := $(BUILD)/tests/fakes/fake_main.o $(BUILD)/tests/fakes/store_fake.o \
            $(SRV_SRC:%.c=$(BUILD)/%.o) $(BUILD)/src/cli/cmd_serve.o $(BUILD)/src/cli/cli_util.o
$(BUILD)/sukien-fake: $(FAKE_OBJ) $(BUILD)/libsukien.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(FAKE_OBJ) $(BUILD)/libsukien.a $(PKG_LIBS)
$(BUILD)/tests/fakes/%.o: CFLAGS_ALL += -Isrc/cli
cli-tests: $(BUILD)/sukien-fake
-include $(FAKE_OBJ:.o=.d)

# Browser tests: headless Chromium driven by playwright-core (tests/web/).
web-test: $(BUILD)/sukien
	@SUKIEN=$(CURDIR)/$(BUILD)/sukien SUKIEN_DATA=$(CURDIR)/data tests/web/run.sh

# ---------------------------------------------------------------- crash test
# store_check verifies a SQLite store (integrity, invariants, FTS index);
# `make crash-test` kills a large ingest with SIGKILL at random moments and
# checks every state it leaves (docs/CRASHTEST.md). KILLS=, SEED=, PG=1.
$(BUILD)/tests/tools/store_check: tests/tools/store_check.c $(BUILD)/libsukien.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libsukien.a $(PKG_LIBS)

crash-test: $(BUILD)/sukien $(BUILD)/tests/tools/store_check
	SUKIEN=$(CURDIR)/$(BUILD)/sukien STORE_CHECK=$(CURDIR)/$(BUILD)/tests/tools/store_check \
	  scripts/crash-test.sh
