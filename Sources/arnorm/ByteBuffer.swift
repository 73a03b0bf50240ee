import Foundation

/// A growable heap buffer of bytes that can be handed from one thread to another.
///
/// malloc'd and grown with realloc: a large buffer (mmap'd by malloc) grows by remapping its pages,
/// not by a copy beside the old one, so a record read up to `--max-record` peaks at its size, not
/// one and a half times it.
final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        guard let memory = malloc(self.capacity) else { fatalError("out of memory (\(self.capacity) bytes)") }
        base = memory
    }

    deinit { free(base) }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for `wanted` bytes, keeping the content (callers grow it by doubling, and
    /// `ChunkReader` no further than its record limit).
    func reserve(_ wanted: Int) {
        guard wanted > capacity else { return }
        guard let memory = realloc(base, wanted) else { fatalError("out of memory (\(wanted) bytes)") }
        base = memory
        capacity = wanted
    }
}
