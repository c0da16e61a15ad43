import Synchronization

/// Tells waiters that a monotonically increasing position (journal id, event seq) moved on.
/// Waiters read the data itself from the store; the signal only carries the newest position, so a
/// slow waiter never makes it buffer more than one value and never misses that something changed.
public final class ProgressSignal: Sendable {
    private struct State {
        var position: Int64
        var waiters: [Int: AsyncStream<Int64>.Continuation] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    public init(position: Int64 = 0) {
        state = Mutex(State(position: position))
    }

    /// The newest position announced.
    public var position: Int64 { state.withLock { $0.position } }

    /// Announces a new position; positions never go back.
    public func advance(to position: Int64) {
        let waiters = state.withLock { s -> [AsyncStream<Int64>.Continuation] in
            guard position > s.position else { return [] }
            s.position = position
            return Array(s.waiters.values)
        }
        for w in waiters { w.yield(position) }
    }

    /// A stream of positions, starting with the current one; it keeps only the newest.
    public func updates() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int64.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { s -> Int in
            let id = s.nextID
            s.nextID += 1
            s.waiters[id] = continuation
            continuation.yield(s.position)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.waiters.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every waiter's stream (shutdown).
    public func finish() {
        let waiters = state.withLock { s -> [AsyncStream<Int64>.Continuation] in
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for w in waiters { w.finish() }
    }
}
