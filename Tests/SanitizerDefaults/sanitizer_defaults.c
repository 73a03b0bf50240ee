// LeakSanitizer suppressions for `swift test --sanitize=address`, read by the sanitizer runtime at
// start-up (only in sanitized builds; otherwise this function is never called).
//
// Each entry is an allocation made and kept by the toolchain's own libraries, reported at exit of
// the test process. None of them comes from the package's code: every suppressed stack ends in
// these frames, reached from test harness calls (Process.run, Bundle.allBundles) or from XCTest's
// own suite bookkeeping. Leaks in ArabicNormalizer, arnorm or the C ABI stay reported.
#include "sanitizer_defaults.h"

const char *__lsan_default_suppressions(void) {
    return
        "leak:libXCTest.so\n"                     // XCTestSuiteRun bookkeeping
        "leak:CFBundleGetAllBundles\n"            // Bundle.allBundles (harness locating arnorm)
        "leak:s10Foundation7ProcessC3run\n"       // Foundation.Process.run (harness running arnorm)
        ;
}
