import FireWatchDecoders

/// What the centre server reports, for the daemon to log and count (the module itself neither logs
/// nor keeps metrics, so tests read the same events).
public enum GB26875ServerEvent: Sendable {
    case connected(peer: String, open: Int)
    case disconnected(peer: String, address: String?, open: Int, why: String)
    /// Over `maxConnections`: closed on arrival.
    case refused(peer: String, open: Int)
    /// A second connection from the same address: the first is closed.
    case replaced(address: String, device: String?, old: String, new: String)
    /// A frame journaled and confirmed; `duplicate`: a retransmission of one already journaled, confirmed again.
    case confirmed(address: String, device: String?, serial: UInt16, duplicate: Bool)
    case denied(peer: String, address: String, serial: UInt16, reason: GB26875DenyReason)
    /// Bytes that were no frame (before a start marker).
    case skipped(peer: String, bytes: Int)
    /// The journal refused the frame: no confirm was sent, the connection is closed so the device retransmits.
    case journalFailed(peer: String, error: String)
    case clockSync(address: String, device: String?, skewSeconds: Double?)
    /// A downlink frame the device confirmed, denied, or never answered after every try.
    case downlink(address: String, device: String?, type: UInt8, serial: UInt16, outcome: DownlinkOutcome)
    case timedOut(peer: String, what: String)

    public enum DownlinkOutcome: String, Sendable {
        case confirmed, denied, unanswered
    }
}
