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
