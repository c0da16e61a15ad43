import FireWatchCore
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An alarm as CAP 1.2: the FIRE-DOMAIN.md mapping, and XML that a real parser reads back.
@Suite struct CAPAlertTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let raised = Date(timeIntervalSince1970: 1_773_472_166)  // 2026-03-14T15:09:26+08:00

    static func alarm(_ kind: AlarmKind = .fire, address: String = "长寿路 100 号 3 号楼") -> Alarm {
        let device = Device(
            id: "uitd-t1", model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: address,
            street: "changshoulu", community: "changshoulu-c01")
        return Alarm(id: "alm-20260314T070926-00c0ffee", device: device, point: nil, kind: kind, severity: .critical, raisedAt: raised)
    }

    @Test func anOpenUnconfirmedFireIsAnImmediateExtremeLikelyAlert() throws {
        let fields = try CAPFields(CAPAlert(alarm: Self.alarm(), instance: "putuo-1", timeZone: Self.shanghai).xml)
        #expect(fields.namespace == "urn:oasis:names:tc:emergency:cap:1.2")
        #expect(fields["identifier"] == ["alm-20260314T070926-00c0ffee"])
        #expect(fields["sender"] == ["firewatch@putuo-1"])
        #expect(fields["sent"] == ["2026-03-14T15:09:26+08:00"])
        #expect(fields["status"] == ["Actual"])
        #expect(fields["msgType"] == ["Alert"])
        #expect(fields["category"] == ["Fire", "Fire"])
        #expect(fields["urgency"] == ["Immediate", "Immediate"])
        #expect(fields["severity"] == ["Extreme", "Extreme"])
        #expect(fields["certainty"] == ["Likely", "Likely"])
        #expect(fields["language"] == ["zh-CN", "en-US"])
        #expect(fields["event"] == ["火警", "Fire alarm"])
        #expect(fields["circle"] == ["31.240000,121.430000 0.1", "31.240000,121.430000 0.1"])
        #expect(fields["references"] == [])
    }

    @Test func aConfirmedFireIsObserved() throws {
        var a = Self.alarm()
        a.confirmed = true
        #expect(try CAPFields(CAPAlert(alarm: a, instance: "p", timeZone: Self.shanghai).xml)["certainty"] == ["Observed", "Observed"])
    }

    @Test(arguments: [(AlarmKind.fire, "Extreme"), (.manualAlarm, "Extreme"), (.electrical, "Severe"), (.gas, "Severe"), (.preAlarm, "Moderate")])
    func severityByKind(kind: AlarmKind, severity: String) {
        #expect(CAPAlert(alarm: Self.alarm(kind), instance: "p", timeZone: Self.shanghai).severity == severity)
    }

    @Test(arguments: [(AlarmResolution.falseAlarm, "Cancel"), (.test, "Cancel"), (.fire, "Update")])
    func aResolvedAlarmUpdatesOrCancelsTheFirstAlert(resolution: AlarmResolution, msgType: String) throws {
        let action = AlarmAction(alarmID: Self.alarm().id, kind: .resolve, by: "op", cause: resolution)
        let resolved = try Self.alarm().applying(action, at: Self.raised.addingTimeInterval(600))
        let fields = try CAPFields(CAPAlert(alarm: resolved, instance: "putuo-1", timeZone: Self.shanghai).xml)
        #expect(fields["msgType"] == [msgType])
        #expect(fields["identifier"] == ["alm-20260314T070926-00c0ffee-\(msgType.lowercased())"])
        #expect(fields["sent"] == ["2026-03-14T15:19:26+08:00"])
        #expect(fields["references"] == ["firewatch@putuo-1,alm-20260314T070926-00c0ffee,2026-03-14T15:09:26+08:00"])
    }

    @Test func textIsEscapedSoAnyAddressStaysWellFormed() throws {
        let nasty = "A&B <b>\"quoted\" 'single' \u{1}bell]]>"
        let xml = CAPAlert(alarm: Self.alarm(address: nasty), instance: "p", timeZone: Self.shanghai).xml
        #expect(xml.contains("A&amp;B &lt;b&gt;&quot;quoted&quot; &apos;single&apos; bell]]&gt;"))
        let fields = try CAPFields(xml)
        #expect(fields["areaDesc"].first?.hasPrefix("A&B <b>\"quoted\" 'single' bell]]>") == true)
    }

    @Test func utcIsWrittenWithMinusZero() {
        #expect(CAPAlert.time(Self.raised, in: TimeZone(secondsFromGMT: 0)!) == "2026-03-14T07:09:26-00:00")
        #expect(CAPAlert.time(Self.raised, in: TimeZone(secondsFromGMT: -5 * 3600)!) == "2026-03-14T02:09:26-05:00")
    }
}

/// Element texts of a CAP document by element name, read with Foundation's XML parser.
final class CAPFields: NSObject, XMLParserDelegate {
    private var texts: [String: [String]] = [:]
    private var current = ""
    private(set) var namespace: String?

    init(_ xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    subscript(name: String) -> [String] { texts[name] ?? [] }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "alert" { namespace = namespaceURI }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[name, default: []].append(current)
        current = ""
    }
}
