build-dbg/src/lib/event_json.o: src/lib/event_json.c src/lib/coder.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/event.h src/lib/lexicon.h
src/lib/coder.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/event.h:
src/lib/lexicon.h:
