import Foundation

/// An alarm as an OASIS CAP 1.2 alert (`urn:oasis:names:tc:emergency:cap:1.2`), for the brigade and
/// for `GET /api/v1/alarms/{id}/cap`. Pure string building with XML escaping: no XML library.
///
/// Mapping (FIRE-DOMAIN.md): category `Fire`, status `Actual`; msgType `Alert` while the alarm is open,
/// `Update` once resolved as a fire, `Cancel` once resolved as anything else (false alarm, test, ...);
/// certainty `Observed` when confirmed, else `Likely`; area a circle around the device.
public struct CAPAlert: Hashable, Sendable {
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// Radius of the area circle around the device.
    public static let areaRadiusKilometres = 0.1

    public var identifier: String
    /// `firewatch@<instance>`.
    public var sender: String
    public var sent: Date
    /// `Alert`, `Update` or `Cancel`.
    public var msgType: String
    /// `sender,identifier,sent` of the first alert, for `Update` and `Cancel`.
    public var references: String?
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var alarm: Alarm
    /// The offset written in `sent` and in the description's times.
    public var timeZone: TimeZone

    /// The CAP view of `alarm` as it stands now, from the daemon named `instance`.
    public init(alarm: Alarm, instance: String, timeZone: TimeZone) {
        self.alarm = alarm
        self.timeZone = timeZone
        sender = "firewatch@\(instance)"
        identifier = alarm.id
        sent = alarm.raisedAt
        msgType = "Alert"
        if !alarm.isOpen {
            msgType = alarm.resolution == .fire ? "Update" : "Cancel"
            let first = [sender, alarm.id, CAPAlert.time(alarm.raisedAt, in: timeZone)].joined(separator: ",")
            references = first
            let at = alarm.resolvedAt ?? alarm.raisedAt
            identifier = "\(alarm.id)-\(msgType.lowercased())"
            sent = at
        }
        urgency = alarm.kind == .preAlarm ? "Expected" : "Immediate"
        severity = switch alarm.kind {
        case .fire, .manualAlarm: "Extreme"
        case .electrical, .gas: "Severe"
        case .preAlarm: "Moderate"
        }
        certainty = alarm.confirmed ? "Observed" : "Likely"
    }

    /// The alert document, UTF-8 XML.
    public var xml: String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"\(CAPAlert.namespace)\">\n"
        x += element("identifier", identifier, indent: 1)
        x += element("sender", sender, indent: 1)
        x += element("sent", CAPAlert.time(sent, in: timeZone), indent: 1)
        x += element("status", alarm.isDrill ? "Exercise" : "Actual", indent: 1)
        x += element("msgType", msgType, indent: 1)
        x += element("scope", "Public", indent: 1)
        if let references { x += element("references", references, indent: 1) }
        x += info(language: "zh-CN", event: alarm.kind.chinese, headline: headline(chinese: true))
        x += info(language: "en-US", event: CAPAlert.english(alarm.kind), headline: headline(chinese: false))
        return x + "</alert>\n"
    }

    func info(language: String, event: String, headline: String) -> String {
        let a = alarm
        var x = "  <info>\n"
        x += element("language", language, indent: 2)
        x += element("category", "Fire", indent: 2)
        x += element("event", event, indent: 2)
        x += element("urgency", urgency, indent: 2)
        x += element("severity", severity, indent: 2)
        x += element("certainty", certainty, indent: 2)
        x += element("senderName", "FireWatch \(sender)", indent: 2)
        x += element("headline", headline, indent: 2)
        x += element("description", description(chinese: language.hasPrefix("zh")), indent: 2)
        x += parameter("alarm_id", a.id) + parameter("device", a.device) + parameter("model", a.model)
        x += parameter("kind", a.kind.rawValue) + parameter("state", a.state.rawValue)
        x += parameter("count", String(a.count))
        if let station = a.station { x += parameter("station", station) }
        if let resolution = a.resolution { x += parameter("resolution", resolution.rawValue) }
        x += "    <area>\n"
        x += element("areaDesc", [a.address, a.street, a.community].filter { !$0.isEmpty }.joined(separator: ", "), indent: 3)
        let circle = String(format: "%.6f,%.6f %.1f", a.location.lat, a.location.lon, CAPAlert.areaRadiusKilometres)
        x += element("circle", circle, indent: 3)
        x += "      <geocode>\n" + element("valueName", "street", indent: 4) + element("value", a.street, indent: 4) + "      </geocode>\n"
        x += "    </area>\n"
        return x + "  </info>\n"
    }

    func headline(chinese: Bool) -> String {
        let kind = chinese ? alarm.kind.chinese : CAPAlert.english(alarm.kind)
        let state = alarm.confirmed ? (chinese ? "已确认" : "confirmed") : (chinese ? "未确认" : "unconfirmed")
        return chinese ? "\(kind)（\(state)）：\(alarm.address)" : "\(kind) (\(state)): \(alarm.address)"
    }

    func description(chinese: Bool) -> String {
        let a = alarm
        let raised = CAPAlert.time(a.raisedAt, in: timeZone)
        var lines = chinese
            ? ["设备 \(a.device)（\(a.model)）于 \(raised) 报\(a.kind.chinese)，状态：\(a.state.chinese)，次数 \(a.count)。"]
            : ["Device \(a.device) (\(a.model)) raised \(CAPAlert.english(a.kind)) at \(raised); state \(a.state.rawValue); count \(a.count)."]
        if let p = a.point, let text = p.description, !text.isEmpty { lines.append(chinese ? "部位：\(text)" : "Point: \(text)") }
        if let station = a.station { lines.append(chinese ? "派往微型消防站 \(station)。" : "Micro fire station \(station) paged.") }
        if let r = a.resolution { lines.append(chinese ? "已处置，原因：\(r.rawValue)。" : "Resolved: \(r.rawValue).") }
        return lines.joined(separator: "\n")
    }

    func parameter(_ name: String, _ value: String) -> String {
        "    <parameter>\n" + element("valueName", name, indent: 3) + element("value", value, indent: 3) + "    </parameter>\n"
    }

    func element(_ name: String, _ value: String, indent: Int) -> String { Self.element(name, value, indent: indent) }

    /// One escaped element on its own line (also the hazard CAP of the notify targets).
    public static func element(_ name: String, _ value: String, indent: Int) -> String {
        String(repeating: "  ", count: indent) + "<\(name)>\(escape(value))</\(name)>\n"
    }

    /// The English name of an alarm kind as CAP's `event` reads it.
    static func english(_ kind: AlarmKind) -> String {
        switch kind {
        case .fire: "Fire alarm"
        case .manualAlarm: "Manual fire alarm"
        case .electrical: "Electrical fire"
        case .gas: "Combustible gas"
        case .preAlarm: "Fire pre-alarm"
        }
    }

    /// CAP date-time: whole seconds and an explicit offset, UTC written `-00:00` (CAP 1.2 §3.3.2).
    public static func time(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(secondsFromGMT: 0)!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let sign = offset <= 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
            sign, abs / 3600, (abs % 3600) / 60)
    }

    /// Escapes the five XML special characters and drops characters XML 1.0 does not allow.
    public static func escape(_ text: String) -> String { Markup.escape(text) }
}
