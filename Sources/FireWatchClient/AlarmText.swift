import FireWatchCore
import Foundation

/// Alarms, stations, hazards and index entries as the CLI prints them (tables and detail views).
public struct AlarmText: Sendable {
    public var language: Language
    public var now: Date
    public var timeZone: TimeZone
    /// Names for street, community and station ids.
    public var names: PlaceNames

    public init(
        language: Language, now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, names: PlaceNames = PlaceNames()
    ) {
        self.language = language
        self.now = now
        self.timeZone = timeZone
        self.names = names
    }

    func label(_ word: String) -> String { Labels.label(word, language) }

    /// `3m12s`, `1h04m`, `2d03h`.
    public static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        if s < 86400 { return "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" }
        return "\(s / 86400)d\(String(format: "%02d", s % 86400 / 3600))h"
    }

    func flags(_ a: Alarm) -> String {
        var f: [String] = []
        if a.acknowledged { f.append("ack") }
        if a.confirmed { f.append("confirmed") }
        if a.condition == .cleared { f.append("cleared") }
        if a.count > 1 { f.append("×\(a.count)") }
        return f.joined(separator: ",")
    }

    public func alarmTable(_ alarms: [Alarm]) -> String {
        TextTable(
            headers: ["ID", "STATE", "KIND", "SEVERITY", "STREET", "DEVICE", "STATION", "AGE", "FLAGS", "ADDRESS"],
            rows: alarms.map { a in
                [a.id, label(a.state.rawValue), label(a.kind.rawValue), label(a.severity.rawValue), a.street, a.device,
                 a.station ?? "-", AlarmText.age(now.timeIntervalSince(a.raisedAt)), flags(a), a.address]
            }
        ).render()
    }

    public func alarmDetail(_ a: Alarm, dispatches: [DispatchOrder]) -> String {
        var rows: [(String, String)] = [
            ("id", a.id), ("state", label(a.state.rawValue)), ("kind", label(a.kind.rawValue)),
            ("severity", label(a.severity.rawValue)), ("acknowledged", "\(a.acknowledged)"), ("confirmed", "\(a.confirmed)"),
            ("condition", a.condition.rawValue), ("count", "\(a.count)"), ("device", "\(a.device) (\(a.model))"),
            ("address", a.address), ("street", a.street), ("community", a.community),
            ("location", String(format: "%.6f, %.6f", a.location.lat, a.location.lon)),
            ("raised_at", Timestamps.string(a.raisedAt, in: timeZone)),
        ]
        if let p = a.point?.description { rows.append(("point", p)) }
        if let b = a.building { rows.append(("building", b)) }
        if let s = a.station { rows.append(("station", s)) }
        if let r = a.resolution { rows.append(("resolution", label(r.rawValue))) }
        for (name, date) in [("dispatched_at", a.dispatchedAt), ("accepted_at", a.acceptedAt), ("on_scene_at", a.onSceneAt), ("resolved_at", a.resolvedAt)] {
            if let date { rows.append((name, Timestamps.string(date, in: timeZone))) }
        }
        var out = TextTable(headers: ["", ""], rows: rows.map { [$0.0, $0.1] }).render()
            .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        out += "\n\nhistory:\n" + TextTable(
            headers: ["AT", "TO", "BY", "WHY"],
            rows: a.history.map { [Timestamps.string($0.at, in: timeZone), $0.to.rawValue, $0.by, $0.why ?? ""] }
        ).render()
        if !dispatches.isEmpty {
            out += "\n\ndispatches:\n" + TextTable(
                headers: ["RANK", "STATION", "DISTANCE_M", "ETA_S", "AT", "WHY"],
                rows: dispatches.map { d in
                    [String(d.rank), d.stationID, String(Int(d.distanceMeters)), String(Int(d.etaSeconds)), Timestamps.string(d.at, in: timeZone), d.reason]
                }
            ).render()
        }
        return out
    }

    /// `extras` are the API's per-station additions by id: open dispatches and street coverage.
    public func stationTable(_ stations: [Station], extras: [String: [String: JSONValue]] = [:]) -> String {
        TextTable(
            headers: ["ID", "STATUS", "KIND", "STREET", "COVERED", "DISPATCHES", "LAT", "LON", "NAME"],
            rows: stations.sorted { $0.id < $1.id }.map { s in
                let e = extras[s.id] ?? [:]
                var covered = "-"
                if case .bool(let b)? = e["street_covered"] { covered = b ? "yes" : "NO" }
                var dispatches = ""
                if case .array(let items)? = e["open_dispatches"] {
                    dispatches = items.compactMap { if case .string(let t) = $0 { t } else { nil } }.joined(separator: " ")
                }
                return [s.id, label(s.status.rawValue), s.kind.rawValue, s.street, covered, dispatches,
                        String(format: "%.4f", s.location.lat), String(format: "%.4f", s.location.lon), s.name]
            }
        ).render()
    }

    /// Hazards as JSON objects (VOCABULARY.md fields), so this client needs no hazard type.
    public func hazardTable(_ hazards: [[String: JSONValue]]) -> String {
        TextTable(
            headers: ["ID", "STATE", "KIND", "STREET", "COMMUNITY", "UNIT", "DEVICE", "OPENED", "DUE", "OVERDUE", "ASSIGNEE", "ADDRESS"],
            rows: hazards.map { h in
                let assignee: String = if case .object(let a)? = h["assignee"] { text(a["name"]) } else { "-" }
                return [text(h["id"]), label(text(h["state"])), label(text(h["kind"])), names.street(text(h["street"]), language),
                        names.community(text(h["community"]), language), h["unit"].map { names.geography.unitName(text($0)) } ?? "-",
                        text(h["device"]), text(h["opened_at"]), text(h["due_at"]), text(h["overdue"]), assignee, text(h["address"])]
            }
        ).render()
    }

    /// Index entries `{"level","id","name","score","grade","devices","open_hazards","overdue","open_fire_alarms"}`.
    public func indexTable(_ entries: [[String: JSONValue]]) -> String {
        TextTable(
            headers: ["LEVEL", "ID", "NAME", "SCORE", "GRADE", "DEVICES", "HAZARDS", "OVERDUE", "FIRE_ALARMS"],
            rows: entries.map { e in
                [text(e["level"]), text(e["id"]), text(e["name"]), text(e["score"]), label(text(e["grade"])), text(e["devices"]),
                 text(e["open_hazards"]), text(e["overdue"]), text(e["open_fire_alarms"])]
            }
        ).render()
    }

    func text(_ v: JSONValue?) -> String {
        switch v {
        case .string(let s)?: s
        case .number(let n)?: n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(format: "%.2f", n)
        case .bool(let b)?: b ? "yes" : "no"
        case nil, .null?: "-"
        default: "…"
        }
    }
}
