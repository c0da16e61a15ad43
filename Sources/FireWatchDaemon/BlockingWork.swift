import Foundation

/// Runs work that blocks (stopping a client thread, closing sockets and waiting) on a thread of its
/// own, so it never holds a thread of Swift's cooperative pool while the service group shuts down.
func offThePool(_ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
        Thread.detachNewThread {
            work()
            done.resume()
        }
    }
}

/// `work`'s result (or error), computed on a thread of its own.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, any Error>) in
        Thread.detachNewThread {
            do { done.resume(returning: try work()) } catch { done.resume(throwing: error) }
        }
    }
}
