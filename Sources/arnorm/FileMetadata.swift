#if canImport(CExtendedAttributes)    // (the fuzz package compiles this file without the C target)
import CExtendedAttributes
#endif
import Foundation

/// What a rewritten file keeps of the file it replaces: owner, group, permission bits and extended
/// attributes (which hold ACLs and security labels on Linux).
struct FileMetadata {
    var owner: uid_t
    var group: gid_t
    var mode: mode_t
    /// The file whose extended attributes are copied (nil: none).
    var attributesFrom: String?

    /// The metadata of the file at `path` (following links); nil if it does not exist.
    init?(ofFileAt path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        owner = st.st_uid
        group = st.st_gid
        mode = st.st_mode & 0o7777
        attributesFrom = path
    }

    /// A new file of this process's user and group with the permission bits `mode`.
    init(newFileMode mode: mode_t) {
        owner = getuid()
        group = getgid()
        self.mode = mode
        attributesFrom = nil
    }

    /// Gives the open file `fd` this metadata. Returns what could not be kept, for a warning
    /// (empty when everything was kept).
    func apply(to fd: Int32) -> [String] {
        var problems: [String] = []
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_uid != owner || st.st_gid != group) {
            if fchown(fd, owner, group) != 0 {
                // Not allowed to give the file away (not root): keep at least the group if we can.
                let code = errno
                if st.st_gid != group && fchown(fd, uid_t.max, group) == 0 {
                    problems.append("the owner (uid \(owner)): \(String(cString: strerror(code))); the file is now owned by uid \(st.st_uid)")
                } else {
                    problems.append("the owner and group (uid \(owner), gid \(group)): \(String(cString: strerror(code))); the file is now owned by uid \(st.st_uid), gid \(st.st_gid)")
                }
            }
        }
        // After chown, which clears set-user-ID and set-group-ID bits.
        if fchmod(fd, mode) != 0 {
            problems.append("the permissions \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
        #if canImport(CExtendedAttributes)
        if let attributesFrom {
            var name = [CChar](repeating: 0, count: 256)
            let code = arn_copy_extended_attributes(attributesFrom, fd, &name, name.count)
            if code != 0 {
                let attribute = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                problems.append("the extended attribute '\(attribute)': \(String(cString: strerror(code)))")
            }
        }
        #endif
        return problems
    }
}
