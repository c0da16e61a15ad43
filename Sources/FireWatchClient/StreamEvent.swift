import FireWatchCore
import Foundation

/// One event of the operator stream as a client sees it: the typed `FeedEvent`, and the JSON object it
/// came as, so parts this client has no type for yet (hazards) still reach filters and formats.
public struct StreamEvent: Sendable {
    public var event: FeedEvent
    public var object: [String: JSONValue]

    public init(event: FeedEvent, object: [String: JSONValue]) {
        self.event = event
        self.object = object
    }

    public var seq: Int64 { event.seq }

    /// The event of an SSE frame; `seq` comes from the frame's `id:`. Nil for frames that are no event.
    public init?(frame: SSEFrame) {
        guard case .object(var object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(frame.data.utf8)) else { return nil }
        // The SSE id is the event's seq, whether or not the data repeats it.
        if let id = frame.id.flatMap({ Int64($0) }) { object["seq"] = .number(Double(id)) }
        if object["seq"] == nil { object["seq"] = .number(0) }
        guard let data = try? JSONEncoder().encode(JSONValue.object(object)),
              let event = try? Timestamps.decoder().decode(FeedEvent.self, from: data)
        else { return nil }
        self.init(event: event, object: object)
    }

    /// A string field of a nested object, e.g. `text("hazard", "street")`.
    public func text(_ object: String, _ field: String) -> String? {
        guard case .object(let o)? = self.object[object], case .string(let s)? = o[field] else { return nil }
        return s
    }

    /// The street the event concerns: its alarm's, hazard's or station's.
    public var street: String? { event.alarm?.street ?? text("hazard", "street") ?? event.station?.street }

    /// The stored JSON plus `seq` from the SSE id, keys sorted (`tail --json`).
    public var json: String {
        var o = object
        o["seq"] = .number(Double(event.seq))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.object(o))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
