import FireWatchCore
import Foundation

/// The body of one delivery in its target's format: the event object (`json`), CAP 1.2 XML (`cap`), a
/// WeCom or DingTalk robot's markdown message, or an SMS gateway's JSON; text in Chinese with the
/// address, kind, time, station and a link to the page. The same event renders to the same bytes, so
/// every retry of a delivery carries the same body.
public struct NotifyMessage: Sendable {
    public var body: [UInt8]
    public var contentType: String

    /// Names for the ids events carry (street, community, station).
    public struct Names: Sendable {
        public var geography: Geography
        public var stations: [String: String]

        public init(geography: Geography = Geography(), stations: [String: String] = [:]) {
            self.geography = geography
            self.stations = stations
        }
    }

    /// `phones`: a notice's numbers from its outbox row (the stored event has none).
    public static func render(
        _ event: FeedEvent, for target: NotifyTarget, settings: NotifySettings, names: Names, phones: [String]? = nil
    ) -> NotifyMessage {
        let encoder = Timestamps.encoder(timeZone: settings.timeZone)
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) -> [UInt8] { Array((try? encoder.encode(value)) ?? Data("{}".utf8)) }
        switch target.format {
        case .json:
            return NotifyMessage(body: json(event), contentType: "application/json; charset=utf-8")
        case .cap:
            let xml = event.alarm.map { CAPAlert(alarm: $0, instance: settings.instance, timeZone: settings.timeZone).xml }
                ?? event.hazard.map { HazardCAP(hazard: $0, type: event.type, instance: settings.instance, timeZone: settings.timeZone, names: names).xml }
                ?? ""
            return NotifyMessage(body: Array(xml.utf8), contentType: "application/cap+xml; charset=utf-8")
        case .wecom:
            let text = markdown(event, settings: settings, names: names)
            return NotifyMessage(body: json(["msgtype": JSONValue.string("markdown"), "markdown": .object(["content": .string(text)])]),
                                 contentType: "application/json; charset=utf-8")
        case .dingtalk:
            let text = markdown(event, settings: settings, names: names)
            return NotifyMessage(body: json(["msgtype": JSONValue.string("markdown"),
                                             "markdown": .object(["title": .string(title(event)), "text": .string(text)])]),
                                 contentType: "application/json; charset=utf-8")
        case .sms:
            let text = plain(event, settings: settings, names: names)
            // A notice goes to the people it names; anything else to the target's own numbers.
            let phones = event.notice != nil ? (phones ?? event.notice?.phones ?? []) : target.phones
            return NotifyMessage(body: json(["phones": JSONValue.array(phones.map { .string($0) }), "text": .string(text)]),
                                 contentType: "application/json; charset=utf-8")
        }
    }

    /// `【火警】报警` — what and what happened.
    static func title(_ e: FeedEvent) -> String {
        let what = e.alarm.map { $0.kind.chinese } ?? e.hazard.map { "隐患：\($0.kind.chinese)" } ?? "FireWatch"
        let drill = e.alarm?.isDrill == true ? "【演练】" : ""
        return "\(drill)【\(what)】\(e.type.chinese)"
    }

    /// The lines of a message: place, address, time, station, note, link.
    static func lines(_ e: FeedEvent, settings: NotifySettings, names: Names) -> [String] {
        let g = names.geography
        let time = Timestamps.string(e.at, in: settings.timeZone)
        var out: [String] = []
        if let a = e.alarm {
            out.append("地点：\(g.streetName(a.street)) \(g.communityName(a.community))")
            out.append("地址：\(a.address)")
            out.append("设备：\(a.device)（\(a.confirmed ? "已核实" : "待核实")）")
            out.append("时间：\(time)")
            if let s = e.dispatch?.stationID ?? a.station { out.append("派往：\(names.stations[s] ?? s)") }
            if let d = e.dispatch { out.append("距离 \(Int(d.distanceMeters)) 米，预计 \(Int(d.etaSeconds)) 秒到场") }
            out.append("警情编号：\(a.id)")
        } else if let h = e.hazard {
            out.append("地点：\(g.streetName(h.street)) \(g.communityName(h.community))\(h.unit.map { " " + g.unitName($0) } ?? "")")
            if !h.address.isEmpty { out.append("地址：\(h.address)") }
            if let d = h.description { out.append("情况：\(d)") }
            out.append("整改期限：\(Timestamps.string(h.dueAt, in: settings.timeZone))")
            if let a = h.assignee { out.append("责任人：\(a.name)\(a.phone.map { " " + $0 } ?? "")") }
            out.append("时间：\(time)")
            out.append("隐患编号：\(h.id)")
        }
        if let note = e.noteZH ?? e.note { out.append("说明：\(note)") }
        if let link = settings.link { out.append("详情：\(link)") }
        return out
    }

    static func markdown(_ e: FeedEvent, settings: NotifySettings, names: Names) -> String {
        "### \(title(e))\n" + lines(e, settings: settings, names: names).map { "> \($0)" }.joined(separator: "\n")
    }

    static func plain(_ e: FeedEvent, settings: NotifySettings, names: Names) -> String {
        "【FireWatch】\(title(e))：" + lines(e, settings: settings, names: names).joined(separator: "；")
    }
}

/// A hazard event as a CAP 1.2 alert for the city platform (一网统管): category `Safety`, msgType
/// `Alert` while open, `Cancel` once closed; urgency `Future` (it is to be fixed by its deadline),
/// certainty `Observed`.
struct HazardCAP {
    var hazard: Hazard
    var type: FeedEventType
    var instance: String
    var timeZone: TimeZone
    var names: NotifyMessage.Names

    var xml: String {
        let h = hazard
        let sender = "firewatch@\(instance)"
        let closed = h.state == .closed
        let sent = closed ? (h.closedAt ?? h.openedAt) : h.history.last?.at ?? h.openedAt
        // The alarm CAP's escaping (it also drops what XML 1.0 forbids: a patrol's text may hold anything).
        func el(_ name: String, _ value: String, _ indent: Int) -> String { CAPAlert.element(name, value, indent: indent) }
        let t = { (d: Date) in CAPAlert.time(d, in: timeZone) }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"\(CAPAlert.namespace)\">\n"
        x += el("identifier", closed ? "\(h.id)-cancel" : "\(h.id)-\(h.history.count)", 1)
        x += el("sender", sender, 1)
        x += el("sent", t(sent), 1)
        x += el("status", "Actual", 1)
        x += el("msgType", closed ? "Cancel" : h.history.count > 1 ? "Update" : "Alert", 1)
        x += el("scope", "Public", 1)
        if h.history.count > 1 || closed { x += el("references", "\(sender),\(h.id)-1,\(t(h.openedAt))", 1) }
        let g = names.geography
        x += "  <info>\n"
        x += el("language", "zh-CN", 2)
        x += el("category", "Safety", 2)
        x += el("event", "隐患：\(h.kind.chinese)", 2)
        x += el("urgency", h.overdue ? "Immediate" : "Future", 2)
        x += el("severity", HazardCAP.severity(h.kind), 2)
        x += el("certainty", "Observed", 2)
        x += el("senderName", "FireWatch \(sender)", 2)
        x += el("headline", "\(g.streetName(h.street)) \(h.kind.chinese)（\(type.chinese)）", 2)
        x += el("description", [h.description, h.address.isEmpty ? nil : h.address, "整改期限 \(t(h.dueAt))"].compactMap { $0 }.joined(separator: "；"), 2)
        x += "    <parameter>\n" + el("valueName", "firewatch_hazard_id", 3) + el("value", h.id, 3) + "    </parameter>\n"
        x += "    <area>\n"
        x += el("areaDesc", [g.streetName(h.street), g.communityName(h.community), h.address].filter { !$0.isEmpty }.joined(separator: " "), 3)
        if let p = h.location { x += el("circle", String(format: "%.6f,%.6f %.1f", p.lat, p.lon, CAPAlert.areaRadiusKilometres), 3) }
        x += "    </area>\n  </info>\n</alert>\n"
        return x
    }

    static func severity(_ kind: HazardKind) -> String {
        switch kind {
        case .electricalWarning, .blockedExit, .ebikeCharging, .wiring, .storage, .disabled: "Moderate"
        default: "Minor"
        }
    }
}
