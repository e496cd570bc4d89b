build-dbg/src/lib/reader.o: src/lib/reader.c src/lib/reader.h \
 src/lib/article.h src/lib/arena.h src/lib/common.h src/lib/normalize.h \
 src/lib/reader_impl.h
src/lib/reader.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/reader_impl.h:
