#ifndef ARNORM_WRITEBACK_H
#define ARNORM_WRITEBACK_H

#include <stdint.h>

/// Asks the kernel to start writing the given range of a file to the disk now, without waiting
/// (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`), so that a later fsync finds most of the
/// data already written. A hint only: returns 0, or -1 with errno set (ignored by callers);
/// elsewhere than Linux it does nothing.
int arn_start_writeback(int fd, int64_t offset, int64_t length);

#endif
