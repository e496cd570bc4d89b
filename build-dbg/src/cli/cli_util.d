build-dbg/src/cli/cli_util.o: src/cli/cli_util.c src/cli/cli_util.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/reader.h src/lib/article.h
src/cli/cli_util.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/reader.h:
src/lib/article.h:
