build-dbg/src/lib/query.o: src/lib/query.c src/lib/merge.h \
 src/lib/event.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h src/lib/query.h src/lib/store_int.h src/lib/store.h \
 src/lib/coder.h src/lib/lexicon.h
src/lib/merge.h:
src/lib/event.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/query.h:
src/lib/store_int.h:
src/lib/store.h:
src/lib/coder.h:
src/lib/lexicon.h:
