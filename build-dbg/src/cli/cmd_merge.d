build-dbg/src/cli/cmd_merge.o: src/cli/cmd_merge.c src/cli/commands.h \
 src/lib/merge.h src/lib/event.h src/lib/article.h src/lib/arena.h \
 src/lib/common.h src/lib/normalize.h
src/cli/commands.h:
src/lib/merge.h:
src/lib/event.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
