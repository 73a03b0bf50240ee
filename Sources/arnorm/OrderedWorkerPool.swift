import Foundation

/// A fixed pool of worker threads that runs numbered tasks and hands results back in task order.
///
/// The caller submits tasks 0, 1, 2, … and takes results in the same order; `take` blocks until
/// that result is ready. The caller bounds memory by keeping few tasks in flight (submitted but
/// not yet taken).
final class OrderedWorkerPool<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [(index: Int, work: @Sendable () -> Result)?] = []
    private var pendingHead = 0
    private var results: [Int: Result] = [:]
    private var stopping = false

    /// Starts `count` worker threads. Each holds the pool until it returns after `shutdown`; the pool
    /// keeps no reference to them (that would be a cycle, and a leak once they have ended).
    init(threads count: Int) {
        for n in 0..<max(1, count) {
            let thread = Thread { self.workerLoop() }
            thread.name = "arnorm-worker-\(n)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Queues task `index`.
    func submit(_ index: Int, _ work: @escaping @Sendable () -> Result) {
        condition.lock()
        pending.append((index, work))
        condition.signal()
        condition.unlock()
    }

    /// Waits for task `index` and returns its result.
    func take(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    /// Stops the workers once the queue is empty.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while pendingHead == pending.count && !stopping { condition.wait() }
            if pendingHead == pending.count {
                condition.unlock()
                return
            }
            let task = pending[pendingHead]!
            // Drop the queue's reference at once: the task holds a chunk of input.
            pending[pendingHead] = nil
            pendingHead += 1
            if pendingHead > 64 && pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            condition.unlock()
            let result = task.work()
            condition.lock()
            results[task.index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
