build-dbg/src/lib/merge.o: src/lib/merge.c src/lib/merge.h \
 src/lib/event.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h
src/lib/merge.h:
src/lib/event.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
