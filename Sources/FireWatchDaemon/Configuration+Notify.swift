import FireWatchCore
import FireWatchDecoders
import FireWatchNotify
import Foundation

extension Configuration {
    /// `notify:` — outbound HTTP targets fed by the outbox (INTERFACES.md, "Second wave").
    static func loadNotify(_ value: YAMLValue?, resolve: (String) -> String, instance: String, timeZone: TimeZone) throws(SourceError) -> NotifySettings {
        guard let value else { return NotifySettings(targets: [], instance: instance, timeZone: timeZone) }
        let m = try value.mapping(allowed: ["targets", "link", "retry_max_s", "give_up_after_s", "contacts"])
        var targets: [NotifyTarget] = []
        for item in try m["targets"]?.list() ?? [] {
            let t = try item.mapping(allowed: ["name", "url", "format", "events", "streets", "kinds", "secret_file", "timeout_s", "phones"])
            let name = try t.string("name")
            guard Device.isValidID(name) else { throw t.error(at: "name", "name \"\(name)\" must match [A-Za-z0-9_.-]{1,64}") }
            guard name != "mqtt" else { throw t.error(at: "name", "\"mqtt\" names the MQTT outbox in GET /api/v1/notify; choose another name") }
            guard !targets.contains(where: { $0.name == name }) else { throw t.error(at: "name", "duplicate target name \"\(name)\"") }
            let text = try t.string("url")
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw t.error(at: "url", "url must be an http:// or https:// URL, not \"\(text)\"")
            }
            let formatText = try t.string("format")
            guard let format = NotifyTarget.Format(rawValue: formatText) else {
                throw t.error(at: "format", "format must be one of \(NotifyTarget.Format.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(formatText)\"")
            }
            func words(_ key: String) throws(SourceError) -> Set<String> {
                Set(try t[key]?.list().map { v throws(SourceError) in try v.string() } ?? [])
            }
            let events = try words("events")
            let known = Set(FeedEventType.allCases.map(\.rawValue) + ["alarm", "hazard", "station", "flood"])
            if let unknown = events.sorted().first(where: { !known.contains($0) }) {
                throw t.error(at: "events", "no event type \"\(unknown)\"; types: \(FeedEventType.allCases.map(\.rawValue).joined(separator: ", ")) or a family (alarm, hazard, station)")
            }
            var secret: [UInt8]?
            if let file = try t.optionalString("secret_file").map(resolve) {
                guard let data = FileManager.default.contents(atPath: file) else { throw t.error(at: "secret_file", "cannot read \(file)") }
                secret = NotifySignature.secret(fileContents: data)
                guard secret?.isEmpty == false else { throw t.error(at: "secret_file", "\(file) is empty") }
            }
            let timeout = try t.optionalDouble("timeout_s") ?? 10
            guard timeout > 0, timeout <= 120 else { throw t.error(at: "timeout_s", "must be more than 0 and at most 120") }
            let phones = try t["phones"]?.list().map { v throws(SourceError) in try v.string() } ?? []
            if format == .sms, phones.isEmpty, try m["contacts"]?.mapping().optionalString("target") != name {
                throw t.error(at: "format", "an sms target lists the numbers it sends to: phones: [\"138...\"] (or is notify.contacts.target)")
            }
            targets.append(NotifyTarget(
                name: name, url: url, format: format,
                route: NotifyRoute(target: name, events: events, streets: try words("streets"), kinds: try words("kinds")),
                secret: secret, timeoutSeconds: timeout, phones: phones))
        }
        let retryMax = try m.optionalDouble("retry_max_s") ?? 60
        guard retryMax >= 1 else { throw m.error(at: "retry_max_s", "must be at least 1") }
        let giveUp = try m.optionalDouble("give_up_after_s") ?? 86_400
        guard giveUp >= retryMax else { throw m.error(at: "give_up_after_s", "must be at least retry_max_s") }
        var settings = NotifySettings(
            targets: targets, link: try m.optionalString("link"), retryMaxSeconds: retryMax, giveUpAfterSeconds: giveUp,
            instance: instance, timeZone: timeZone)
        if let c = m["contacts"] { settings.contacts = try loadContacts(c, targets: &settings.targets) }
        return settings
    }

    /// `notify.contacts: {target, kinds, property_after_min, street_after_min}`: the sms target that tells
    /// the people responsible, which alarm kinds, and the minutes after the raise for tiers 2 and 3.
    static func loadContacts(_ value: YAMLValue, targets: inout [NotifyTarget]) throws(SourceError) -> NoticePolicy {
        let c = try value.mapping(allowed: ["target", "kinds", "property_after_min", "street_after_min"])
        let name = try c.string("target")
        guard let i = targets.firstIndex(where: { $0.name == name }), targets[i].format == .sms else {
            throw c.error(at: "target", "target \"\(name)\" is not an sms target of notify.targets")
        }
        var policy = NoticePolicy(target: name)
        if let kinds = try c["kinds"]?.list() {
            policy.kinds = Set(try kinds.map { k throws(SourceError) -> AlarmKind in
                let text = try k.string()
                guard let kind = AlarmKind(rawValue: text) else {
                    throw c.error(at: "kinds", "no alarm kind \"\(text)\"; kinds: \(AlarmKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return kind
            })
        }
        let property = try c.optionalDouble("property_after_min") ?? 3
        let street = try c.optionalDouble("street_after_min") ?? 8
        guard property > 0 else { throw c.error(at: "property_after_min", "must be more than 0") }
        guard street > property else { throw c.error(at: "street_after_min", "must be more than property_after_min (\(property))") }
        policy.propertyAfterSeconds = property * 60
        policy.streetAfterSeconds = street * 60
        // A target without numbers of its own carries the notices only.
        if targets[i].phones.isEmpty { targets[i].route.events = [FeedEventType.alarmNotice.rawValue] }
        return policy
    }
}
