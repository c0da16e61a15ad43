import Foundation

/// One dispatched Server-Sent Events frame.
public struct SSEFrame: Hashable, Sendable {
    /// The last event id seen so far (it carries over frames without an `id:` line, as in browsers).
    public var id: String?
    /// `event:`; nil means the default `message`.
    public var event: String?
    /// The `data:` lines joined with newlines.
    public var data: String

    public init(id: String? = nil, event: String? = nil, data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}

/// Incremental parser of the `text/event-stream` format (HTML Living Standard, "server-sent events"):
/// feed it bytes as they arrive, in chunks of any size, and it returns the frames they complete.
/// Lines end in LF, CRLF or CR; `:` lines are comments; a blank line dispatches; a frame with no data
/// is dropped; an `id` holding NUL is ignored.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var sawCR = false
    private var sawFirstLine = false
    private var data: [String] = []
    private var hasData = false
    private var event: String?
    /// The server's `retry:` advice in milliseconds, once it sent one.
    public private(set) var retryMilliseconds: Int?
    /// The last event id buffer; survives frames.
    public private(set) var lastEventID: String?

    public init(lastEventID: String? = nil) {
        self.lastEventID = lastEventID
    }

    /// Parses `bytes`; returns every frame completed by them. Comment lines (`: text`) go to `comment`
    /// without the colon (FireWatch says `: connected at N` when a stream starts after event N).
    public mutating func feed(_ bytes: some Sequence<UInt8>, comment: (String) -> Void = { _ in }) -> [SSEFrame] {
        var frames: [SSEFrame] = []
        for b in bytes {
            if sawCR {
                sawCR = false
                if b == 0x0A { continue }
            }
            switch b {
            case 0x0D:
                sawCR = true
                if let f = endLine(comment) { frames.append(f) }
            case 0x0A:
                if let f = endLine(comment) { frames.append(f) }
            default:
                line.append(b)
            }
        }
        return frames
    }

    private mutating func endLine(_ comment: (String) -> Void) -> SSEFrame? {
        var bytes = line
        line.removeAll(keepingCapacity: true)
        if !sawFirstLine {
            sawFirstLine = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        if bytes.isEmpty { return dispatch() }
        if bytes.first == UInt8(ascii: ":") {
            comment(String(decoding: bytes.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces))
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "data":
            data.append(String(value))
            hasData = true
        case "event": event = String(value)
        case "id": if !value.contains("\0") { lastEventID = String(value) }
        case "retry": if value.allSatisfy(\.isNumber), let ms = Int(value), ms >= 0 { retryMilliseconds = ms }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> SSEFrame? {
        defer {
            data = []
            hasData = false
            event = nil
        }
        guard hasData else { return nil }
        return SSEFrame(id: lastEventID, event: event, data: data.joined(separator: "\n"))
    }
}
