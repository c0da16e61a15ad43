import Crypto
import CryptoExtras
import Foundation

/// Password file lines as mosquitto 2 reads them (`mosquitto_passwd`'s default `sha512-pbkdf2`):
/// `user:$7$ROUNDS$SALT$HASH`, salt 12 random bytes and hash PBKDF2-HMAC-SHA512 of 64 bytes, both base64.
enum MosquittoPassword {
    /// mosquitto_passwd's own default. The passwords written here are 24 random characters (~143
    /// bits), which no number of rounds makes easier to guess, and the broker pays the rounds on
    /// every connect: after a broker restart, the whole fleet reconnects at once.
    static let rounds = 101

    static func line(user: String, password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 12)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha512, outputByteCount: 64, unsafeUncheckedRounds: rounds)
        let hash = key.withUnsafeBytes { Data($0).base64EncodedString() }
        return "\(user):$7$\(rounds)$\(Data(salt).base64EncodedString())$\(hash)"
    }

    /// A new password: 24 characters from [A-Za-z0-9], from the system's secure generator.
    static func generate() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] })
    }
}
