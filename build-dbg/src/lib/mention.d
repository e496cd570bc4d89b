build-dbg/src/lib/mention.o: src/lib/mention.c src/lib/mention.h \
 src/lib/coder.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h src/lib/event.h src/lib/lexicon.h src/lib/timex.h
src/lib/mention.h:
src/lib/coder.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/event.h:
src/lib/lexicon.h:
src/lib/timex.h:
