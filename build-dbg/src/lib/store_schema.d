build-dbg/src/lib/store_schema.o: src/lib/store_schema.c \
 src/lib/store_int.h src/lib/store.h src/lib/article.h src/lib/arena.h \
 src/lib/common.h src/lib/normalize.h src/lib/coder.h src/lib/event.h \
 src/lib/lexicon.h
src/lib/store_int.h:
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
