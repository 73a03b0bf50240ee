#include "extended_attributes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/xattr.h>
#endif

static int unsupported(int code) {
#if defined(ENOTSUP)
    if (code == ENOTSUP) return 1;
#endif
#if defined(EOPNOTSUPP)
    if (code == EOPNOTSUPP) return 1;
#endif
    return code == ENOSYS;
}

int arn_copy_extended_attributes(const char *from, int to_fd, char *failed, size_t cap) {
#if defined(__linux__)
    if (cap > 0) failed[0] = 0;
    ssize_t size = listxattr(from, NULL, 0);
    if (size < 0) return unsupported(errno) ? 0 : errno;
    if (size == 0) return 0;
    char *names = malloc((size_t)size);
    if (names == NULL) return ENOMEM;
    size = listxattr(from, names, (size_t)size);
    if (size < 0) {
        int code = errno;
        free(names);
        return unsupported(code) ? 0 : code;
    }
    int result = 0;
    for (char *name = names; name < names + size && result == 0; name += strlen(name) + 1) {
        ssize_t length = getxattr(from, name, NULL, 0);
        void *value = length > 0 ? malloc((size_t)length) : NULL;
        if (length < 0 || (length > 0 && value == NULL)) {
            result = length < 0 ? errno : ENOMEM;
        } else {
            if (length > 0) length = getxattr(from, name, value, (size_t)length);
            if (length < 0 || fsetxattr(to_fd, name, value, (size_t)length, 0) != 0) result = errno;
        }
        free(value);
        if (result != 0 && cap > 0) {
            strncpy(failed, name, cap - 1);
            failed[cap - 1] = 0;
        }
    }
    free(names);
    return result;
#else
    (void)from; (void)to_fd;
    if (cap > 0) failed[0] = 0;
    return 0;
#endif
}
