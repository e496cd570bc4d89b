build-dbg/src/server/api.o: src/server/api.c src/server/server_int.h \
 src/lib/store.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h src/lib/coder.h src/lib/event.h src/lib/lexicon.h
src/server/server_int.h:
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
