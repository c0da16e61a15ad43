import FireWatchCore
import Foundation

/// How `tail` prints an event: JSON, or one readable line (time, street, kind, state, device,
/// address, station) in Chinese or English, coloured by severity on a terminal.
struct TailFormat {
    var json: Bool
    var chinese: Bool
    var colour: Bool

    func line(_ e: FeedEvent, raw: String) -> String {
        if json {
            // The stored JSON plus the seq from the SSE id, keys sorted like the API's.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let obj = try? JSONDecoder().decode([String: JSONValue].self, from: Data(raw.utf8)) {
                var o = obj
                o["seq"] = .number(Double(e.seq))
                if let d = try? encoder.encode(o) { return String(decoding: d, as: UTF8.self) }
            }
            return raw
        }
        var parts = [time(e.at), "#\(e.seq)", e.type.rawValue]
        if let a = e.alarm {
            parts += [
                a.street,
                chinese ? "\(a.kind.chinese)(\(a.kind.rawValue))" : a.kind.rawValue,
                chinese ? "\(a.state.chinese)(\(a.state.rawValue))" : a.state.rawValue,
                a.device,
                a.address,
            ]
            if a.count > 1 { parts.append("×\(a.count)") }
            if a.condition == .cleared { parts.append(chinese ? "已恢复" : "cleared") }
        }
        if let d = e.dispatch {
            parts.append("→ \(d.stationID) (\(Int(d.distanceMeters)) m, ETA \(Int(d.etaSeconds)) s)")
        } else if let station = e.alarm?.station {
            parts.append("→ \(station)")
        }
        if let s = e.station { parts.append("\(s.id) \(s.status.rawValue)") }
        if let note = e.note { parts.append("(\(note))") }
        let text = parts.filter { !$0.isEmpty }.joined(separator: "  ")
        guard colour, let a = e.alarm else { return text }
        let code = switch a.severity { case .critical: "1;31"; case .major: "33"; case .minor: "36" }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    func time(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: date)
    }
}
