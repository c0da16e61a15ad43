/// 64-bit FNV-1a: a fast, stable digest for finding candidates (redeliveries, retransmissions); the
/// candidates are then compared byte for byte, so a collision never drops a message.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Continues the digest `h` over `bytes`.
    @inlinable
    public static func hash<S: Sequence>(_ bytes: S, into h: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt8 {
        var h = h
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }
}
