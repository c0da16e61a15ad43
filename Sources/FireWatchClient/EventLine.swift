import FireWatchCore
import Foundation

/// How `tail` prints an event: JSON, or one readable line (time, street, kind, state, device, address,
/// station) in Chinese or English, coloured by severity on a terminal.
public struct EventLine: Sendable {
    public var json: Bool
    public var language: Language
    public var colour: Bool
    /// Zone of the printed times.
    public var timeZone: TimeZone
    /// Street, community and station names for the ids the events carry.
    public var names: PlaceNames

    public init(
        json: Bool, language: Language, colour: Bool, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        names: PlaceNames = PlaceNames()
    ) {
        self.json = json
        self.language = language
        self.colour = colour
        self.timeZone = timeZone
        self.names = names
    }

    public func format(_ s: StreamEvent) -> String {
        if json { return s.json }
        let e = s.event
        var parts = [time(e.at), "#\(e.seq)", label(e.type.rawValue)]
        if e.alarm?.isDrill == true || e.dispatch?.drill == true { parts.append(language == .zh ? "【演练】" : "[DRILL]") }
        if let a = e.alarm {
            parts += [names.place(street: a.street, community: a.community, language), label(a.kind.rawValue), label(a.state.rawValue), a.device, a.address]
            if a.acknowledged { parts.append(language == .zh ? "已确认收到" : "acknowledged") }
            if a.confirmed { parts.append(language == .zh ? "已核实" : "confirmed") }
            if a.count > 1 { parts.append("×\(a.count)") }
            if a.condition == .cleared { parts.append(language == .zh ? "已恢复" : "cleared") }
            if let r = a.resolution { parts.append(label(r.rawValue)) }
        } else if case .object? = s.object["hazard"] {
            let street = s.text("hazard", "street").map { names.place(street: $0, community: s.text("hazard", "community"), language) }
            parts += [street ?? ""] + ["kind", "state", "device", "address"].map { s.text("hazard", $0).map(label) ?? "" }
            if let text = s.text("hazard", "description") { parts.append(Self.printable(text)) }
        }
        if let d = e.dispatch {
            parts.append(language == .zh
                ? "→ \(names.station(d.stationID)) (\(Int(d.distanceMeters)) 米，预计 \(Int(d.etaSeconds)) 秒到场)"
                : "→ \(d.stationID) (\(Int(d.distanceMeters)) m, ETA \(Int(d.etaSeconds)) s)")
        } else if let station = e.alarm?.station {
            parts.append("→ \(language == .zh ? names.station(station) : station)")
        }
        if let st = e.station { parts += [language == .zh ? st.name : st.id, label(st.status.rawValue)] }
        if let note = language == .zh ? (e.noteZH ?? e.note.map(Labels.note)) : e.note { parts.append("(\(note))") }
        let text = parts.filter { !$0.isEmpty }.joined(separator: "  ")
        guard colour, let code = colourCode(s) else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// ANSI colour: red bold critical, yellow major, cyan minor; hazards magenta; resolved dim.
    func colourCode(_ s: StreamEvent) -> String? {
        if let a = s.event.alarm {
            if !a.isOpen { return "2" }
            return switch a.severity {
            case .critical: "1;31"
            case .major: "33"
            case .minor: "36"
            }
        }
        if s.object["hazard"] != nil { return "35" }
        return nil
    }

    func label(_ word: String) -> String { Labels.label(word, language) }

    /// What a person typed, safe for a terminal: control characters (escape sequences, newlines) as spaces.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    func time(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = timeZone
        return f.string(from: date)
    }
}
