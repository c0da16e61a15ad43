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
        try bytes.withUnsafeBufferPointer { (buffer) throws(DecodeError) -> JSONValue in
            var parser = JSONText(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            try parser.expectEnd()
            return value
        }
    }

    /// Member paths whose values a caller wants out of a document, without the document's tree: each
    /// wanted member is either a slot (its value is handed over) or names members of its own object
    /// (of each object, when it is an array of them). Names are matched as bytes, so a skipped
    /// member's name is never made into a `String` (nor hashed).
    final class Picks: Sendable, ExpressibleByDictionaryLiteral {
        enum Pick: Sendable {
            case slot(Int)
            case members(Picks)
        }

        let utf8: [[UInt8]]
        let picks: [Pick]

        init(dictionaryLiteral elements: (String, Pick)...) {
            utf8 = elements.map { Array($0.0.utf8) }
            picks = elements.map(\.1)
        }

        /// The wanted member whose name is `raw` (a name without escapes).
        func pick(named raw: Slice<UnsafeBufferPointer<UInt8>>) -> Pick? {
            utf8.firstIndex { $0.count == raw.count && $0.elementsEqual(raw) }.map { picks[$0] }
        }

        func pick(named name: String) -> Pick? { pick(named: Array(name.utf8)) }

        private func pick(named name: [UInt8]) -> Pick? { utf8.firstIndex(of: name).map { picks[$0] } }
    }

    /// Checks the whole document as strictly as `parse` does and hands each picked value to `sink`
    /// with its slot and the index of its item in the nearest array around it (0 outside arrays).
    /// Only the picked values are built: a ChirpStack uplink needs five of its values, and building
    /// its tree of dictionaries was most of the envelope's cost in the pipeline.
    static func pick(
        _ bytes: [UInt8], _ picks: Picks, into sink: (_ slot: Int, _ item: Int, _ value: JSONValue) -> Void
    ) throws(DecodeError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DecodeError) in
            var parser = JSONText(bytes: buffer)
            parser.skipSpace()
            try parser.pick(.members(picks), depth: 0, item: 0, sink)
            try parser.expectEnd()
        }
    }

    private mutating func expectEnd() throws(DecodeError) {
        skipSpace()
        guard i == bytes.count else { throw error("unexpected \(shown) after the JSON value") }
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

    private mutating func value(depth: Int) throws(DecodeError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of payload") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(shown)")
        }
    }

    private mutating func object(depth: Int) throws(DecodeError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try eachMember(depth: depth) { (parser) throws(DecodeError) in
            let key = try parser.string()
            try parser.colon()
            members[key] = try parser.value(depth: depth + 1)
        }
        return .object(members)
    }

    /// Walks an object's members: `member` reads one (its name, the colon, its value); this checks
    /// what is between them.
    private mutating func eachMember(depth: Int, _ member: (inout JSONText) throws(DecodeError) -> Void) throws(DecodeError) {
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name, found \(shown)") }
            try member(&self)
            skipSpace()
            guard i < bytes.count else { throw error("unterminated object") }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            guard bytes[i] == UInt8(ascii: ",") else { throw error("expected \",\" or \"}\", found \(shown)") }
            i += 1
        }
    }

    /// Walks an array's items, `item` reading each with its index.
    private mutating func eachItem(depth: Int, _ item: (inout JSONText, Int) throws(DecodeError) -> Void) throws(DecodeError) {
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
        var index = 0
        while true {
            skipSpace()
            try item(&self, index)
            index += 1
            skipSpace()
            guard i < bytes.count else { throw error("unterminated array") }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            guard bytes[i] == UInt8(ascii: ",") else { throw error("expected \",\" or \"]\", found \(shown)") }
            i += 1
        }
    }

    /// One value under a pick: a slot's value is built and handed over; members are picked out of an
    /// object, or out of each object of an array; anything else is checked and skipped.
    private mutating func pick(
        _ pick: Picks.Pick, depth: Int, item: Int, _ sink: (Int, Int, JSONValue) -> Void
    ) throws(DecodeError) {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of payload") }
        switch (pick, bytes[i]) {
        case (.slot(let slot), _):
            sink(slot, item, try value(depth: depth))
        case (.members(let picks), UInt8(ascii: "{")):
            try eachMember(depth: depth) { (parser) throws(DecodeError) in
                let wanted = try parser.wantedMember(picks)
                try parser.colon()
                if let wanted { try parser.pick(wanted, depth: depth + 1, item: item, sink) } else { try parser.skip(depth: depth + 1) }
            }
        case (.members, UInt8(ascii: "[")):
            try eachItem(depth: depth) { (parser, index) throws(DecodeError) in
                try parser.pick(pick, depth: depth + 1, item: index, sink)
            }
        default:
            try skip(depth: depth)
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
    private mutating func wantedMember(_ picks: Picks) throws(DecodeError) -> Picks.Pick? {
        let start = i + 1
        try skipString()
        let raw = bytes[start..<(i - 1)]
        guard raw.contains(UInt8(ascii: "\\")) else { return picks.pick(named: raw) }
        i = start - 1
        return picks.pick(named: try string())
    }

    private mutating func array(depth: Int) throws(DecodeError) -> JSONValue {
        var items: [JSONValue] = []
        try eachItem(depth: depth) { (parser, _) throws(DecodeError) in items.append(try parser.value(depth: depth + 1)) }
        return .array(items)
    }

    /// Checks one value as `value` would, building nothing.
    private mutating func skip(depth: Int) throws(DecodeError) {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of payload") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            try eachMember(depth: depth) { (parser) throws(DecodeError) in
                try parser.skipString()
                try parser.colon()
                try parser.skip(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try eachItem(depth: depth) { (parser, _) throws(DecodeError) in try parser.skip(depth: depth + 1) }
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
