build-dbg/src/lib/coder.o: src/lib/coder.c src/lib/coder.h \
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
