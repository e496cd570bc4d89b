build-dbg/src/lib/store_sqlite.o: src/lib/store_sqlite.c src/lib/merge.h \
 src/lib/event.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h src/lib/store_int.h src/lib/store.h src/lib/coder.h \
 src/lib/lexicon.h
src/lib/merge.h:
src/lib/event.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/store_int.h:
src/lib/store.h:
src/lib/coder.h:
src/lib/lexicon.h:
