build-dbg/src/cli/cmd_serve.o: src/cli/cmd_serve.c src/cli/cli_util.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/reader.h src/lib/article.h src/cli/commands.h src/lib/common.h \
 src/server/server.h
src/cli/cli_util.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/reader.h:
src/lib/article.h:
src/cli/commands.h:
src/lib/common.h:
src/server/server.h:
