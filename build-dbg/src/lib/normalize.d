build-dbg/src/lib/normalize.o: src/lib/normalize.c src/lib/normalize.h \
 src/lib/common.h
src/lib/normalize.h:
src/lib/common.h:
