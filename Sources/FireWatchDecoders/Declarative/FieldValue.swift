import FireWatchCore

/// One value as a declarative decoder read it from a payload, before any scale: a number (with the
/// unsigned bit pattern when it came from binary, so `0xffff` names the same i16 as `-1`), a text
/// (ASCII, hex digits, a JSON string) or a JSON structure that only an attribute can hold.
enum FieldValue: Sendable {
    case number(Double, bits: UInt64?)
    case text(String)
    case flag(Bool)
    case structure(JSONValue)

    /// The value as a number: text that spells one counts (platforms often quote numbers).
    var number: Double? {
        switch self {
        case .number(let n, _): n
        case .flag(let b): b ? 1 : 0
        case .text(let s): Double(s)
        case .structure: nil
        }
    }

    /// True for a value that means "set": non-zero, true, or a non-empty text other than "0"/"false".
    var isSet: Bool {
        switch self {
        case .number(let n, _): n != 0
        case .flag(let b): b
        case .text(let s): !s.isEmpty && s != "0" && s.lowercased() != "false"
        case .structure: true
        }
    }

    /// Whether `key` names this value. Numbers match by value or by bit pattern; texts match texts
    /// exactly, and numbers by their spelling, so YAML keys need no quoting discipline.
    func matches(_ key: ValueKey) -> Bool {
        switch self {
        case .number(let n, let bits):
            guard let k = key.number else { return false }
            return k == n || (bits.map { k == Double($0) } ?? false)
        case .flag(let b):
            return key.number == (b ? 1 : 0)
        case .text(let s):
            return s == key.text || (key.number != nil && Double(s) == key.number)
        case .structure:
            return false
        }
    }

    /// The value as JSON, for attributes.
    var json: JSONValue {
        switch self {
        case .number(let n, _): .number(n)
        case .text(let s): .string(s)
        case .flag(let b): .bool(b)
        case .structure(let v): v
        }
    }

    /// How the value reads in an error message.
    var shown: String {
        switch self {
        case .number(let n, let bits):
            if let bits, n < 0 { return "\(Self.integerText(n)) (0x\(String(bits, radix: 16)))" }
            return Self.integerText(n)
        case .text(let s): return "\"\(s)\""
        case .flag(let b): return b ? "true" : "false"
        case .structure: return "a JSON object or array"
        }
    }

    static func integerText(_ n: Double) -> String {
        n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }
}

/// A key of a value map in a definition (`events`, `labels`, `invalid`, `expect`, `when`): written
/// as YAML text, understood as a number when it spells one (`10`, `0x0a`, `-1`, `true`) and always
/// as its text too.
struct ValueKey: Hashable, Sendable, CustomStringConvertible {
    let text: String
    let number: Double?

    init(_ text: String) {
        self.text = text
        self.number = SpecSyntax.number(text)
    }

    init(number: Double) {
        self.text = FieldValue.integerText(number)
        self.number = number
    }

    var description: String { text }

    /// The value a payload would carry for this key, for the encode direction.
    var value: FieldValue {
        if let number { return .number(number, bits: nil) }
        return .text(text)
    }
}

/// A `when:` condition on a value: every stated comparison must hold. With none stated, the value
/// must be set (non-zero, true, non-empty), which is what a one-byte "alarm" field means.
struct Condition: Hashable, Sendable {
    var equals: [ValueKey] = []
    var notEquals: [ValueKey] = []
    var above: Double?
    var below: Double?
    var atLeast: Double?
    var atMost: Double?

    var isEmpty: Bool {
        equals.isEmpty && notEquals.isEmpty && above == nil && below == nil && atLeast == nil && atMost == nil
    }

    func holds(for value: FieldValue) -> Bool {
        if isEmpty { return value.isSet }
        if !equals.isEmpty, !equals.contains(where: value.matches) { return false }
        if notEquals.contains(where: value.matches) { return false }
        guard above != nil || below != nil || atLeast != nil || atMost != nil else { return true }
        guard let n = value.number else { return false }
        if let above, !(n > above) { return false }
        if let below, !(n < below) { return false }
        if let atLeast, !(n >= atLeast) { return false }
        if let atMost, !(n <= atMost) { return false }
        return true
    }

    /// A value for which the condition holds (`true`) or fails (`false`), for the encode direction;
    /// nil when none is found among the obvious candidates.
    func witness(_ holding: Bool) -> FieldValue? {
        var candidates: [FieldValue] = equals.map(\.value) + [.number(0, bits: nil), .number(1, bits: nil)]
        for bound in [above, below, atLeast, atMost].compactMap({ $0 }) {
            candidates += [bound, bound + 1, bound - 1].map { .number($0, bits: nil) }
        }
        candidates += notEquals.compactMap(\.number).map { .number($0 + 1, bits: nil) }
        return candidates.first { holds(for: $0) == holding }
    }
}
