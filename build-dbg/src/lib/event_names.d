build-dbg/src/lib/event_names.o: src/lib/event_names.c src/lib/event.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h
src/lib/event.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
