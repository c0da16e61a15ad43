import Foundation

/// Fixed-width GB18030 text fields (component descriptions such as "三楼东走廊", configuration texts).
///
/// Foundation has no named `String.Encoding` for GB18030, but the CoreFoundation encoding
/// kCFStringEncodingGB_18030_2000 (0x0632) is reachable everywhere as the NSStringEncoding
/// 0x8000_0632: swift-corelibs-foundation on Linux converts it through ICU (checked with "三楼" =
/// c8 fd c2 a5), and Darwin natively. So no table is embedded here.
enum GB18030Text {
    static let encoding = String.Encoding(rawValue: 0x8000_0632)

    /// The text of a NUL/space padded field, nil when empty. Cuts at the first NUL (devices leave
    /// garbage after the terminator) and trims trailing spaces; both are safe on the raw bytes since
    /// GB18030 multi-byte sequences never contain 0x00 or 0x20. Bytes that are not valid GB18030
    /// give `lossy: true` and a text with U+FFFD for each non-ASCII byte, so the caller can keep the
    /// raw hex for a human to read.
    static func decode(_ field: ArraySlice<UInt8>) -> (text: String, lossy: Bool)? {
        var bytes = field.prefix { $0 != 0 }
        while bytes.last == 0x20 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { return nil }
        if let text = String(bytes: bytes, encoding: encoding) { return (text, false) }
        let scalars = bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" }
        return (String(String.UnicodeScalarView(scalars)), true)
    }

    /// Lowercase hex without separators, for keeping undecodable bytes in attributes.
    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
