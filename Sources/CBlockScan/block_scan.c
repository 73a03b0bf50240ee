// CBlockScan is header-only (include/block_scan.h): its functions are static inline so that the
// Swift engine inlines them. SwiftPM needs one source file per C target.
#include "block_scan.h"
