build-dbg/src/cli/cmd_code.o: src/cli/cmd_code.c src/cli/cli_util.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/reader.h src/lib/article.h src/lib/coder.h src/lib/event.h \
 src/lib/lexicon.h src/cli/commands.h src/lib/mention.h src/lib/coder.h \
 src/lib/timex.h
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
src/lib/mention.h:
src/lib/coder.h:
src/lib/timex.h:
