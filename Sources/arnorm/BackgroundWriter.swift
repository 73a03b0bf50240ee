import Foundation

/// An output written by a thread of its own, so that writing overlaps reading and normalizing
/// (the main thread otherwise spends a third of a 100 MB run in write(2)).
///
/// Buffers are written in the order given, at most `depth` waiting; `write(owned:)` hands a
/// buffer over without a copy. A write that fails is reported by the next `write`, or by `commit`,
/// and what was queued after it is dropped; `abort` (or dropping the writer) drops what is queued,
/// waits for a write under way, then aborts the output underneath, so a temporary file is never
/// written to once it is removed.
final class BackgroundWriter: OutputSink {
    private let state: State

    /// Starts the writing thread for `sink`.
    init(_ sink: OutputSink, depth: Int = 2) {
        state = State(sink: sink, depth: depth)
        let state = self.state
        let thread = Thread { state.run() }
        thread.name = "arnorm-writer"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { state.close() }

    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        try state.enqueue(Array(bytes))
    }

    func write(owned bytes: [UInt8]) throws(CLIError) {
        try state.enqueue(bytes)
    }

    func commit() throws(CLIError) {
        try state.drain()
        state.close()
        try state.sink.commit()
    }

    func abort() {
        state.close()
        state.sink.abort()
    }

    /// What the writing thread shares with the writer (the thread holds this, not the writer, so
    /// that dropping the writer ends the thread).
    private final class State: @unchecked Sendable {
        let sink: OutputSink
        private let depth: Int
        private let condition = NSCondition()
        private var queue: [[UInt8]] = []
        private var writing = false
        private var closed = false
        private var failure: CLIError?

        init(sink: OutputSink, depth: Int) {
            self.sink = sink
            self.depth = max(1, depth)
        }

        func enqueue(_ bytes: [UInt8]) throws(CLIError) {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= depth && failure == nil && !closed { condition.wait() }
            if let failure { throw failure }
            if closed { return }
            queue.append(bytes)
            condition.broadcast()
        }

        /// Waits until everything queued is written; throws the first write error.
        func drain() throws(CLIError) {
            condition.lock()
            defer { condition.unlock() }
            while (!queue.isEmpty || writing) && failure == nil { condition.wait() }
            if let failure { throw failure }
        }

        /// Drops what is queued, waits for a write under way and ends the thread.
        func close() {
            condition.lock()
            closed = true
            queue.removeAll()
            while writing { condition.wait() }
            condition.broadcast()
            condition.unlock()
        }

        func run() {
            while true {
                condition.lock()
                while queue.isEmpty && !closed { condition.wait() }
                if closed {
                    condition.unlock()
                    return
                }
                let bytes = queue.removeFirst()
                writing = true
                condition.unlock()
                var error: CLIError?
                do { try bytes.withUnsafeBytes { try sink.write($0) } } catch let e as CLIError { error = e } catch {}
                condition.lock()
                writing = false
                if let error, failure == nil {
                    failure = error
                    queue.removeAll()
                }
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}

extension OutputSink {
    func write(owned bytes: [UInt8]) throws(CLIError) {
        do { try bytes.withUnsafeBytes { try write($0) } } catch let error as CLIError { throw error } catch {}
    }
}
