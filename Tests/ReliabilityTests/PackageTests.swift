import Foundation
import Testing

/// The tarball `scripts/package.sh` writes (`ARNORM_TARBALL`, or the newest `dist/arnorm-*-linux-*.tar.gz`).
/// Building it takes minutes, so this suite runs only when a tarball exists:
/// `scripts/package.sh && swift test --filter PackagedBinaryTests`.
let packagedTarball: String? = {
    if let path = ProcessInfo.processInfo.environment["ARNORM_TARBALL"] { return path }
    let dist = repositoryRoot.appendingPathComponent("dist")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? []
    let tarballs = names.filter { $0.hasPrefix("arnorm-") && $0.hasSuffix(".tar.gz") && $0.contains("-linux-") }
    func modified(_ name: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: dist.appendingPathComponent(name).path)[.modificationDate] as? Date) ?? .distantPast
    }
    return tarballs.max { modified($0) < modified($1) }.map { dist.appendingPathComponent($0).path }
}()

@Suite(.enabled(if: packagedTarball != nil, "no dist/arnorm-*.tar.gz: run scripts/package.sh first"), .serialized)
struct PackagedBinaryTests {
    /// Unpacks the tarball into `scratch` and returns the folder inside it.
    func unpack(_ scratch: Scratch) throws -> URL {
        let tar = try Arnorm.run(["-xzf", packagedTarball!, "-C", scratch.url.path], in: scratch.url, executable: "/bin/tar")
        try #require(tar.status == 0, "\(tar.stderr)")
        let top = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("arnorm-") }
        try #require(top.count == 1, "tarball should hold one arnorm-VERSION-OS-ARCH folder: \(top)")
        return scratch.url.appendingPathComponent(top[0])
    }

    @Test func tarballHasBinaryDocsAndCompletions() throws {
        let scratch = try Scratch("package")
        let folder = try unpack(scratch)
        let files = scratch.listing(folder.lastPathComponent)
        for needed in ["bin/arnorm", "completions/arnorm.bash", "completions/_arnorm", "completions/arnorm.fish"] {
            #expect(files.contains(needed), "missing \(needed)")
        }
        // The data files are compiled in: bin/ holds the binary and nothing else.
        #expect(files.filter { $0.hasPrefix("bin/") } == ["bin/arnorm"])
        // The repository has both, so the tarball must carry both.
        #expect(files.contains("README.md"), "README.md not packed")
        #expect(files.contains { $0.hasPrefix("LICENSE") }, "LICENSE not packed")
        #expect(try String(contentsOf: folder.appendingPathComponent("completions/arnorm.bash"), encoding: .utf8).contains("arnorm"))
        // The folder is named after the version the binary reports and the machine it was built for.
        let version = try Arnorm.run(["--version"], in: scratch.url, executable: folder.appendingPathComponent("bin/arnorm").path)
        try #require(version.status == 0, "\(version.stderr)")
        let expected = "arnorm-\(version.text.trimmingCharacters(in: .whitespacesAndNewlines))-linux-\(Self.machine)"
        #expect(folder.lastPathComponent == expected)
    }

    /// The architecture part of the tarball's name, as `uname -m` spells it.
    static var machine: String {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "aarch64"
        #else
        return "unknown"
        #endif
    }

    /// `ldd` names no Swift runtime library: only the C library, the C++ runtime and ICU.
    @Test func binaryNeedsNoSwiftRuntime() throws {
        let scratch = try Scratch("package-ldd")
        let folder = try unpack(scratch)
        let ldd = try Arnorm.run([folder.appendingPathComponent("bin/arnorm").path], in: scratch.url, executable: "/usr/bin/ldd")
        #expect(ldd.status == 0)
        let libraries = ldd.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for line in libraries {
            #expect(!line.contains("libswift") && !line.contains("libFoundation") && !line.contains("libdispatch")
                    && !line.contains("not found"), "\(line)")
        }
        print("ldd bin/arnorm:\n" + ldd.text)
    }

    /// The binary copied alone into an empty folder works with an empty environment (`env -i`): the
    /// transliteration tables, name lexicon and number words are compiled in, not looked up on disk.
    @Test func packagedBinaryRunsAloneWithScrubbedEnvironment() throws {
        let scratch = try Scratch("package-run")
        let folder = try unpack(scratch)
        let alone = scratch.url.appendingPathComponent("alone")
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        let binary = alone.appendingPathComponent("arnorm").path
        try FileManager.default.copyItem(atPath: folder.appendingPathComponent("bin/arnorm").path, toPath: binary)
        try FileManager.default.removeItem(at: folder)
        try scratch.write("in.txt", "خـ.ـسائر فـ.ـادحة مَرْحَبًا ١٢٣\n")
        func run(_ arguments: [String]) throws -> Arnorm.Result {
            try Arnorm.run(["-c", "exec /usr/bin/env -i " + ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")],
                           in: scratch.url, executable: "/bin/sh")
        }
        let version = try run(["--version"])
        #expect(version.status == 0 && !version.text.isEmpty, "\(version.stderr)")
        let normalized = try run(["normalize", "in.txt"])
        #expect(normalized.text == "خسائر فادحة مرحبا 123\n", "\(normalized.stderr)")
        try scratch.write("name.txt", "بشار الأسد\n")
        let names = try run(["translit", "--scheme", "names", "name.txt"])
        #expect(names.status == 0 && names.text == "Bashar al-Assad\n", "\(names.text) \(names.stderr)")
        let bw = try run(["translit", "--scheme", "bw", "in.txt"])
        #expect(bw.status == 0 && bw.text == "x_._sA}r f_._AdHp maroHabFA ١٢٣\n", "\(bw.text) \(bw.stderr)")
        try scratch.write("n.txt", "قتل نحو خمسين من المسلحين\n")
        let numerals = try run(["numerals", "--words-to-digits", "n.txt"])
        #expect(numerals.text == "قتل نحو 50 من المسلحين\n", "\(numerals.stderr)")
    }
}
