import Foundation
import Testing

/// `--in-place` by a user who may write a file but not give it its owner back (root's 0666 file,
/// run as `nobody`):
/// - in a sticky directory (`/tmp`), where the rename is refused: the run warned that the file
///   "is rewritten … now owned by uid 65534" and then that it could not be replaced, and a
///   `--backup` link made before the rename stayed behind (the next run refused: "backup already
///   exists"). Now only the error is said, and the backup is removed with the temporary file;
/// - when nothing in it changes: the same warning was said for a file left alone. Now nothing is.
@Suite(.enabled(if: geteuid() == 0, "a file of another user needs root to set up"))
struct InPlaceReplaceFailureTests {
    @Test func refusedRenameSaysOnlyTheErrorAndLeavesNoBackup() throws {
        let dir = try TempDir()
        try dir.write("f.txt", "أَ\n")
        chmod(dir.path("f.txt"), 0o666)
        chmod(dir.url.path, 0o1777)
        let result = try Unprivileged.run(["--in-place", "--backup", ".orig", "f.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot replace 'f.txt': Operation not permitted\n")
        #expect(try dir.read("f.txt") == "أَ\n")
        #expect(dir.listing() == ["f.txt"])
    }

    @Test func unchangedFileGetsNoOwnerWarning() throws {
        let dir = try TempDir()
        try dir.write("u.txt", "ب\n")
        chmod(dir.path("u.txt"), 0o666)
        chmod(dir.url.path, 0o777)
        let result = try Unprivileged.run(["--in-place", "u.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        var st = stat()
        #expect(stat(dir.path("u.txt"), &st) == 0 && st.st_uid == 0)
    }
}
