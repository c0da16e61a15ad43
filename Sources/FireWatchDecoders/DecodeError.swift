/// Why a payload could not be decoded. The message names the byte offset or the field and says what
/// is wrong, so a vendor or an operator can fix it (`offset 27: checksum expected 0x0c, found 0x0d`).
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset into the payload where the problem was found, when the payload is binary.
    public var offset: Int?
    /// Field name or JSON path, when one applies.
    public var field: String?
    /// What is wrong, in words.
    public var reason: String

    public init(offset: Int? = nil, field: String? = nil, _ reason: String) {
        self.offset = offset
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var where_: [String] = []
        if let offset { where_.append("offset \(offset)") }
        if let field { where_.append("field \"\(field)\"") }
        return where_.isEmpty ? reason : "\(where_.joined(separator: ", ")): \(reason)"
    }
}
