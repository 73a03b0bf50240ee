import Foundation
import Testing

/// `--in-place` on a file its user may not write (mode 0444, or another user's file), in a
/// directory they may write: the file was replaced by a new one (the rename needs only the
/// directory), exit 0, where README says an unwritable output is an error and left as it was.
/// Now it is named, left as it is, exit 1; the other files are rewritten. (Run as `nobody` under
/// root, whom no mode stops.)
@Suite struct InPlaceReadOnlyFileTests {
    @Test func readOnlyFileIsLeftAsItWas() throws {
        let dir = try TempDir()
        try dir.write("ro.txt", "أَ\n")
        try dir.write("rw.txt", "أَ\n")
        chmod(dir.path("ro.txt"), 0o444)
        chmod(dir.path("rw.txt"), 0o666)
        // Its own file for the user it runs as (under root, `nobody`), so that no owner warning is due.
        if geteuid() == 0 { #expect(chown(dir.path("rw.txt"), Unprivileged.nobody, Unprivileged.nobody) == 0) }
        chmod(dir.url.path, 0o777)
        let result = try Unprivileged.run(["--in-place", "ro.txt", "rw.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write 'ro.txt': Permission denied (the file is read-only to you; left as it is)\n", "\(result.stderr)")
        #expect(try dir.read("ro.txt") == "أَ\n")
        var st = stat()
        #expect(stat(dir.path("ro.txt"), &st) == 0 && st.st_uid == getuid() && st.st_mode & 0o777 == 0o444)
        #expect(try dir.read("rw.txt") == "ا\n")
    }
}
