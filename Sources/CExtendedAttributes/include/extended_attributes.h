#ifndef ARNORM_EXTENDED_ATTRIBUTES_H
#define ARNORM_EXTENDED_ATTRIBUTES_H

#include <stddef.h>

/// Copies every extended attribute of the file at `from` (following links) to the open file `to_fd`:
/// on Linux these hold ACLs (`system.posix_acl_access`), security labels and user attributes.
/// Returns 0 when all were copied (or the file has none, or the file system has no attributes);
/// otherwise the errno of the first that could not be, with its name in `failed` (capacity `cap`).
/// Elsewhere than Linux it does nothing.
int arn_copy_extended_attributes(const char *from, int to_fd, char *failed, size_t cap);

#endif
