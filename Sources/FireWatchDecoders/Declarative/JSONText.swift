import FireWatchCore

/// A strict RFC 8259 parser from payload bytes to `JSONValue`. Written here rather than going through
/// `JSONDecoder` because decoders need the byte offset of a defect in their error, a nesting limit,
/// and speed: `Codable` into an enum tries each case and throws on every miss.
struct JSONText {
    /// Deeper nesting is refused: device payloads are a few levels deep, and the limit keeps the
    /// recursion (and the work per payload) bounded.
    static let maxDepth = 32

    /// The payload, borrowed for one parse (an array here cost a retain and release per byte read).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func parse(_ bytes: [UInt8]) throws(DecodeError) -> JSONValue {
        try parse(bytes, keeping: .all)
    }

    /// Which parts of a document to build: everything, or only the named members of an object (of
    /// each object in an array), each with what to build of it.
    indirect enum Keep: Sendable {
        case all
        case members(Wanted)
    }

    /// The members to build of an object, matched against member names as bytes: a skipped member's
    /// name is never made into a `String` (nor hashed).
    final class Wanted: Sendable, ExpressibleByDictionaryLiteral {
        let names: [String]
        let utf8: [[UInt8]]
        let keeps: [Keep]

        init(dictionaryLiteral elements: (String, Keep)...) {
            names = elements.map(\.0)
            utf8 = elements.map { Array($0.0.utf8) }
            keeps = elements.map(\.1)
        }

        /// The index of the wanted member whose name is `raw` (a name without escapes).
        func index(of raw: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            utf8.firstIndex { $0.count == raw.count && $0.elementsEqual(raw) }
        }

        func index(of name: String) -> Int? { names.firstIndex(of: name) }
    }

    /// A JSON document of which only the parts `keeping` names are built; the others are checked as
    /// strictly as `parse` checks them, but skipped without building them (a ChirpStack uplink's
    /// envelope needs five of its values: building the whole tree was most of the pipeline's cost).
    static func parse(_ bytes: [UInt8], keeping: Keep) throws(DecodeError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DecodeError) -> JSONValue in
            var parser = JSONText(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value(depth: 0, keeping: keeping)
            parser.skipSpace()
            guard parser.i == buffer.count else { throw parser.error("unexpected \(parser.shown) after the JSON value") }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func error(_ reason: String) -> DecodeError { DecodeError(offset: i, "not valid JSON: \(reason)") }

    private var shown: String {
        guard i < bytes.count else { return "end of payload" }
        let b = bytes[i]
        return b >= 0x20 && b < 0x7F ? "\"\(Character(Unicode.Scalar(b)))\"" : "byte 0x\(ChecksumSpec.hex(UInt16(b), 2))"
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value(depth: Int, keeping: Keep = .all) throws(DecodeError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of payload") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth, keeping: keeping)
        case UInt8(ascii: "["): return try array(depth: depth, keeping: keeping)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(shown)")
        }
    }

    private mutating func object(depth: Int, keeping: Keep) throws(DecodeError) -> JSONValue {
        i += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name, found \(shown)") }
            switch keeping {
            case .all:
                let key = try string()
                try colon()
                members[key] = try value(depth: depth + 1)
            case .members(let wanted):
                let wantedIndex = try wantedMember(wanted)
                try colon()
                if let k = wantedIndex {
                    members[wanted.names[k]] = try value(depth: depth + 1, keeping: wanted.keeps[k])
                } else {
                    try skip(depth: depth + 1)
                }
            }
            skipSpace()
            guard i < bytes.count else { throw error("unterminated object") }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            guard bytes[i] == UInt8(ascii: ",") else { throw error("expected \",\" or \"}\", found \(shown)") }
            i += 1
        }
    }

    /// The `:` after a member name, with the space around it.
    private mutating func colon() throws(DecodeError) {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected \":\", found \(shown)") }
        i += 1
        skipSpace()
    }

    /// Reads a member name (checked as `string` checks it) and says which wanted member it is.
    private mutating func wantedMember(_ wanted: Wanted) throws(DecodeError) -> Int? {
        let start = i + 1
        try skipString()
        let raw = bytes[start..<(i - 1)]
        guard raw.contains(UInt8(ascii: "\\")) else { return wanted.index(of: raw) }
        i = start - 1
        return wanted.index(of: try string())
    }

    private mutating func array(depth: Int, keeping: Keep) throws(DecodeError) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1, keeping: keeping))
            skipSpace()
            guard i < bytes.count else { throw error("unterminated array") }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            guard bytes[i] == UInt8(ascii: ",") else { throw error("expected \",\" or \"]\", found \(shown)") }
            i += 1
        }
    }

    /// Checks one value as `value` would, building nothing.
    private mutating func skip(depth: Int) throws(DecodeError) {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of payload") }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == close { i += 1; return }
            while true {
                skipSpace()
                if isObject {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name, found \(shown)") }
                    try skipString()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected \":\", found \(shown)") }
                    i += 1
                    skipSpace()
                }
                try skip(depth: depth + 1)
                skipSpace()
                guard i < bytes.count else { throw error(isObject ? "unterminated object" : "unterminated array") }
                if bytes[i] == close { i += 1; return }
                guard bytes[i] == UInt8(ascii: ",") else {
                    throw error(isObject ? "expected \",\" or \"}\", found \(shown)" : "expected \",\" or \"]\", found \(shown)")
                }
                i += 1
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw error("unexpected \(shown)")
        }
    }

    /// A string checked (terminated, no control characters, known escapes), not built.
    private mutating func skipString() throws(DecodeError) {
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            guard b >= 0x20 else { throw error("control character in a string") }
            i += 1
            guard b == UInt8(ascii: "\\") else { continue }
            guard i < bytes.count else { throw error("unterminated escape") }
            switch bytes[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                 UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 1
            case UInt8(ascii: "u"):
                i += 1
                _ = try hex4()
            default: throw error("unknown escape \\\(shown)")
            }
        }
        throw error("unterminated string")
    }

    private mutating func literal(_ word: String) throws(DecodeError) {
        let expected = word.utf8
        guard i + expected.count <= bytes.count, bytes[i..<(i + expected.count)].elementsEqual(expected) else {
            throw error("unexpected \(shown)")
        }
        i += expected.count
    }

    private mutating func number() throws(DecodeError) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("a number needs digits") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("a fraction needs digits") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("an exponent needs digits") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        guard let n = Double(String(decoding: bytes[start..<i], as: UTF8.self)), n.isFinite else {
            i = start
            throw error("number out of range")
        }
        return n
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func string() throws(DecodeError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        var scalars: [UInt8] = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: scalars, as: UTF8.self) }
            guard b >= 0x20 else { throw error("control character in a string") }
            if b != UInt8(ascii: "\\") { scalars.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw error("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(e)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                }
                scalars += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default:
                i -= 1
                throw error("unknown escape \\\(shown)")
            }
        }
    }

    private mutating func hex4() throws(DecodeError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[i])).hexDigitValue else { throw error("\\u needs four hex digits") }
            code = code << 4 | UInt32(digit)
            i += 1
        }
        return code
    }
}
