import Foundation

/// Path helpers for the output side: canonical paths, and directories created without following
/// symlinks, so that output never lands outside `--output-dir`.
enum PathResolution {
    /// The canonical absolute form of `path`, also when its last components do not exist yet.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var missing: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var result = String(cString: real)
                for component in missing.reversed() where component != "." && !component.isEmpty {
                    if component == ".." { result = PathName.parent(result) } else {
                        result += (result.hasSuffix("/") ? "" : "/") + component
                    }
                }
                return result
            }
            let parent = PathName.parent(existing)
            if parent == existing || parent.isEmpty { return absolute }
            missing.append(PathName.lastComponent(existing))
            existing = parent
        }
    }

    /// `mkdir -p DIR`.
    static func makeDirectories(_ dir: String) throws(CLIError) {
        var st = stat()
        if stat(dir, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFDIR { throw CLIError("output directory '\(dir)' is not a directory") }
            return
        }
        let parent = PathName.parent(dir)
        if !parent.isEmpty && parent != dir { try makeDirectories(parent) }
        if mkdir(dir, 0o777) != 0 && errno != EEXIST { throw CLIError.system("cannot create the directory", dir) }
    }

    /// Creates `relative` (names found by the walk, never `..`) inside `root`, refusing to go
    /// through a symlink that is in the way.
    static func makeDirectories(under root: String, _ relative: String) throws(CLIError) {
        var path = root
        for component in relative.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o777) != 0 && errno != EEXIST { throw CLIError.system("cannot create the directory", path) }
            var st = stat()
            guard lstat(path, &st) == 0 else { throw CLIError.system("cannot create the directory", path) }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                throw CLIError("refusing to write through the symbolic link '\(path)' in the output directory")
            }
            if (st.st_mode & S_IFMT) != S_IFDIR { throw CLIError("'\(path)' is in the way: not a directory") }
        }
    }
}
