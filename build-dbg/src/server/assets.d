build-dbg/src/server/assets.o: src/server/assets.c \
 src/server/server_int.h src/lib/store.h src/lib/article.h \
 src/lib/arena.h src/lib/common.h src/lib/normalize.h src/lib/coder.h \
 src/lib/event.h src/lib/lexicon.h build-dbg/gen/web_assets.inc
src/server/server_int.h:
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
build-dbg/gen/web_assets.inc:
