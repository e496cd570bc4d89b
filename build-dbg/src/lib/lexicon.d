build-dbg/src/lib/lexicon.o: src/lib/lexicon.c src/lib/lexicon.h \
 src/lib/arena.h src/lib/article.h src/lib/common.h src/lib/normalize.h
src/lib/lexicon.h:
src/lib/arena.h:
src/lib/article.h:
src/lib/common.h:
src/lib/normalize.h:
