build-dbg/src/lib/timex.o: src/lib/timex.c src/lib/timex.h \
 src/lib/arena.h src/lib/event.h src/lib/article.h src/lib/common.h \
 src/lib/normalize.h
src/lib/timex.h:
src/lib/arena.h:
src/lib/event.h:
src/lib/article.h:
src/lib/common.h:
src/lib/normalize.h:
