// The C table pass as a file-to-file program, for the side-by-side comparison (compare/run.sh):
//   cpass [--copy | --search] [--fsync] IN OUT
// Reads IN in 4 MiB blocks (cut after the last newline, or before a UTF-8 continuation byte when a
// block has none), runs cbaseline_normalize (cbaseline_normalize_search with --search, a plain
// copy with --copy) and writes OUT; with
// --fsync, OUT is flushed to the disk before exit (what `arnorm -o` does before its rename).
// Memory stays flat: one input and one output block whatever the file size.
#include "cbaseline.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BLOCK = 4 << 20 };

int main(int argc, char **argv) {
    int copy = 0, search = 0, sync = 0, a = 1;
    for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
        if (strcmp(argv[a], "--copy") == 0) copy = 1;
        else if (strcmp(argv[a], "--search") == 0) search = 1;
        else if (strcmp(argv[a], "--fsync") == 0) sync = 1;
        else break;
    }
    if (argc != a + 2) {
        fprintf(stderr, "usage: cpass [--copy | --search] [--fsync] IN OUT\n");
        return 2;
    }
    FILE *in = fopen(argv[a], "rb"), *out = fopen(argv[a + 1], "wb");
    if (!in || !out) { perror("cpass"); return 1; }
    uint8_t *buf = malloc(2 * BLOCK), *res = malloc(6 * BLOCK + 64);
    size_t have = 0;
    for (;;) {
        size_t got = fread(buf + have, 1, 2 * BLOCK - have, in);
        size_t n = have + got;
        if (n == 0) break;
        size_t cut = n;
        if (got > 0 && n == 2 * BLOCK) {          // more may follow: end the block at a line end
            cut = n;
            while (cut > 0 && buf[cut - 1] != '\n') cut--;
            if (cut == 0) {                        // one long line: cut at a character start
                cut = n;
                while (cut > 1 && (buf[cut - 1] & 0xC0) == 0x80) cut--;
                if (cut > 0) cut--;
            }
        }
        size_t m = copy ? cbaseline_copy(buf, cut, res)
                 : search ? cbaseline_normalize_search(buf, cut, res) : cbaseline_normalize(buf, cut, res);
        if (fwrite(res, 1, m, out) != m) { perror("cpass"); return 1; }
        memmove(buf, buf + cut, n - cut);
        have = n - cut;
        if (got == 0 && have == 0) break;
        if (got == 0 && cut == n) break;
    }
    if (sync && (fflush(out) != 0 || fsync(fileno(out)) != 0)) { perror("cpass"); return 1; }
    if (fclose(out) != 0) { perror("cpass"); return 1; }
    fclose(in);
    return 0;
}
