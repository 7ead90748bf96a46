#ifndef CCRC32C_H
#define CCRC32C_H
#include <stddef.h>
#include <stdint.h>

/// 1 when the CPU has the SSE4.2 `crc32` instruction (x86-64), else 0.
int zb_crc32c_hardware(void);

/// CRC-32C (Castagnoli) of `length` bytes with the CPU's instruction, continuing
/// from `crc` (the raw register, not inverted). Call only when zb_crc32c_hardware().
uint32_t zb_crc32c_update(uint32_t crc, const void *data, size_t length);

#endif
