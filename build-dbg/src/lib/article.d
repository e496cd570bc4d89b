build-dbg/src/lib/article.o: src/lib/article.c src/lib/article.h \
 src/lib/arena.h src/lib/common.h src/lib/normalize.h src/lib/clean.h \
 src/lib/sentence.h
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/clean.h:
src/lib/sentence.h:
