build-dbg/src/lib/store.o: src/lib/store.c src/lib/store.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/coder.h src/lib/event.h src/lib/lexicon.h src/lib/merge.h \
 src/lib/store_int.h
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
src/lib/merge.h:
src/lib/store_int.h:
