import Crypto
import Foundation

/// The signature every request to a target with a `secret_file` carries (INTERFACES.md):
/// `X-FireWatch-Timestamp: <unix seconds>` and `X-FireWatch-Signature: sha256=<lowercase hex of
/// HMAC-SHA256(secret, timestamp + "." + body)>`. A receiver recomputes it, compares in constant time and
/// refuses timestamps far from its clock (replays).
public enum NotifySignature {
    public static func sign(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> String {
        var message = Array("\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A secret file's content without trailing whitespace (INTERFACES.md).
    public static func secret(fileContents data: Data) -> [UInt8] {
        var bytes = Array(data)
        while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
        return bytes
    }
}
