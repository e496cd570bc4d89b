build-dbg/src/lib/common.o: src/lib/common.c src/lib/common.h
src/lib/common.h:
