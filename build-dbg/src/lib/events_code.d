build-dbg/src/lib/events_code.o: src/lib/events_code.c src/lib/coder.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/event.h src/lib/lexicon.h src/lib/mention.h src/lib/timex.h
src/lib/coder.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/event.h:
src/lib/lexicon.h:
src/lib/mention.h:
src/lib/timex.h:
