build-dbg/src/cli/cmd_search.o: src/cli/cmd_search.c src/cli/commands.h \
 src/cli/query_cli.h src/lib/store.h src/lib/article.h src/lib/arena.h \
 src/lib/common.h src/lib/normalize.h src/lib/coder.h src/lib/event.h \
 src/lib/lexicon.h
src/cli/commands.h:
src/cli/query_cli.h:
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
