build-dbg/src/lib/arena.o: src/lib/arena.c src/lib/arena.h
src/lib/arena.h:
