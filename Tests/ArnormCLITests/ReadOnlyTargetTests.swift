import Foundation
import Testing

/// `-o out.txt` or `--report r.json` onto a file its user may not write (mode 0444, or another
/// user's), in a directory they may write: the file was replaced (the rename needs only the
/// directory), exit 0, where `> out.txt` in a shell fails. Now it is an error naming it, the file
/// left as it was, exit 1, as README says of an unwritable output. (Run as `nobody` under root.)
@Suite struct ReadOnlyTargetTests {
    @Test(arguments: [["-o", "out.txt"], ["--report", "out.txt"], ["--output-dir", "tree"]])
    func readOnlyTargetIsLeftAsItWas(option: [String]) throws {
        let dir = try TempDir()
        try dir.write("in.txt", "أَ\n")
        try dir.write("out.txt", "old\n")
        try dir.write("tree/in.txt", "old\n")
        chmod(dir.path("out.txt"), 0o444)
        chmod(dir.path("tree/in.txt"), 0o444)
        chmod(dir.url.path, 0o777)
        chmod(dir.path("tree"), 0o777)
        let result = try Unprivileged.run(["in.txt"] + option, in: dir.url)
        let target = option[0] == "--output-dir" ? "tree/in.txt" : "out.txt"
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write '\(target)': Permission denied (the file is read-only to you; left as it is)\n", "\(result.stderr)")
        #expect(try dir.read(target) == "old\n")
        var st = stat()
        #expect(stat(dir.path(target), &st) == 0 && st.st_uid == getuid() && st.st_mode & 0o777 == 0o444)
    }
}
