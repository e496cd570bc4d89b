build-dbg/src/lib/reader_warc.o: src/lib/reader_warc.c \
 src/lib/reader_impl.h src/lib/reader.h src/lib/article.h src/lib/arena.h \
 src/lib/common.h src/lib/normalize.h
src/lib/reader_impl.h:
src/lib/reader.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
