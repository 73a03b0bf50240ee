#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's working memory (output bytes and counters), kept per thread between calls so
/// normalizing line by line allocates nothing in the steady state.
final class EngineBuffers {
    var bytes: UnsafeMutablePointer<UInt8>?
    var capacity = 0
    let counts: UnsafeMutablePointer<Int>
    /// ICU's results for short segments, reused from call to call.
    let segments = SegmentCache()

    init() {
        counts = .allocate(capacity: Counter.count)
    }

    deinit {
        bytes?.deallocate()
        counts.deallocate()
    }

    /// Buffers larger than this are given back to the allocator after use rather than kept.
    static let keepLimit = 4 << 20

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<EngineBuffers>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// Takes this thread's buffers, or new ones if another engine on this thread holds them: one
    /// reference, owned by the caller until it hands it to `give`.
    static func take() -> Unmanaged<EngineBuffers> {
        guard let raw = pthread_getspecific(key) else { return Unmanaged.passRetained(EngineBuffers()) }
        pthread_setspecific(key, nil)
        return Unmanaged<EngineBuffers>.fromOpaque(raw)
    }

    /// Gives buffers (the reference `take` returned) back to this thread for the next call.
    static func give(_ reference: Unmanaged<EngineBuffers>) {
        reference._withUnsafeGuaranteedRef { buffers in
            if buffers.capacity > keepLimit {
                buffers.bytes?.deallocate()
                buffers.bytes = nil
                buffers.capacity = 0
            }
        }
        if let old = pthread_getspecific(key) {
            Unmanaged<EngineBuffers>.fromOpaque(old).release()
        }
        pthread_setspecific(key, reference.toOpaque())
    }
}
