// libFuzzer's driver entry point (compiler-rt, linked by `-sanitize=fuzzer`). Only `assess-fuzz` built with
// `-Xswiftc -DASSESS_LIBFUZZER` calls it; declaring it links nothing.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
