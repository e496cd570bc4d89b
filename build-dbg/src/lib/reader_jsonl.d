build-dbg/src/lib/reader_jsonl.o: src/lib/reader_jsonl.c \
 src/lib/reader_impl.h src/lib/reader.h src/lib/article.h src/lib/arena.h \
 src/lib/common.h src/lib/normalize.h
src/lib/reader_impl.h:
src/lib/reader.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
