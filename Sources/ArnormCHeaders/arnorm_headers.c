/* ArnormCHeaders only carries include/arnorm.h, the public C header of libarnorm; the
   functions are implemented in Swift in Sources/CArnorm. SwiftPM needs one source file. */
#include "arnorm.h"
