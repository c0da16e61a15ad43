import NIOCore
import Synchronization

/// The open connections: how many (against the cap), and which one speaks for each source address.
/// One connection per address: a device that reconnects replaces its old connection.
final class GB26875Connections: Sendable {
    private struct State {
        var byAddress: [UInt64: any Channel] = [:]
        /// Every open connection (its count is the cap's), to close them all at shutdown.
        var channels: [ObjectIdentifier: any Channel] = [:]
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection; nil when that would pass the cap (it is not counted).
    func opened(_ channel: any Channel) -> Int? {
        state.withLock { s in
            guard s.channels.count < limit else { return nil }
            s.channels[ObjectIdentifier(channel)] = channel
            return s.channels.count
        }
    }

    /// Forgets a closed connection and every address it spoke for; the count left open.
    func closed(_ channel: any Channel, addresses: Set<UInt64>) -> Int {
        state.withLock { s in
            s.channels[ObjectIdentifier(channel)] = nil
            for a in addresses { if let c = s.byAddress[a], c === channel { s.byAddress[a] = nil } }
            return s.channels.count
        }
    }

    /// Closes every open connection (shutdown).
    func closeAll() {
        let all = state.withLock { Array($0.channels.values) }
        for c in all { try? c.close().wait() }
    }

    /// Makes `channel` the one for `address`; the connection it replaces, if another.
    func claim(_ address: UInt64, for channel: any Channel) -> (any Channel)? {
        state.withLock { s in
            let old = s.byAddress[address]
            s.byAddress[address] = channel
            return old.flatMap { $0 === channel ? nil : $0 }
        }
    }

    /// The connection speaking for `address` now.
    func channel(for address: UInt64) -> (any Channel)? { state.withLock { $0.byAddress[address] } }

    var openCount: Int { state.withLock { $0.channels.count } }
}
