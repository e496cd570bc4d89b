build-dbg/src/cli/cmd_ingest.o: src/cli/cmd_ingest.c src/cli/cli_util.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/reader.h src/lib/article.h src/lib/coder.h src/lib/event.h \
 src/lib/lexicon.h src/cli/commands.h src/lib/merge.h src/lib/mention.h \
 src/lib/coder.h src/lib/timex.h src/lib/store.h
src/cli/cli_util.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/reader.h:
src/lib/article.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
src/cli/commands.h:
src/lib/merge.h:
src/lib/mention.h:
src/lib/coder.h:
src/lib/timex.h:
src/lib/store.h:
