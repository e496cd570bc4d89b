build-dbg/src/lib/clean.o: src/lib/clean.c src/lib/clean.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h
src/lib/clean.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
