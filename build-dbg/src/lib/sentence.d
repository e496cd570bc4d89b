build-dbg/src/lib/sentence.o: src/lib/sentence.c src/lib/sentence.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h
src/lib/sentence.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
