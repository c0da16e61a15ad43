import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// The people responsible told in tiers through a real sms gateway on loopback (issue 14): the
    /// household at the raise, property and community after `property_after_min`, each notice in the
    /// alarm's history; acknowledging stops the chain before the street office's tier.
    @Suite(.serialized) struct ContactNoticeTests {
        static let registry = """
            - id: uitd-t1
              model: gb26875/uitd
              location: {lat: 31.2400, lon: 121.4300}
              address: "长寿路 100 号 3 号楼"
              street: changshoulu
              community: changshoulu-c01
              building: b-100-3
              contacts:
                - {name: 张三, phone: "13800000001", role: household}
                - {name: 长寿物业, phone: "13800000002", role: property}
            """

        static let streets = """
            - id: changshoulu
              name: "长寿路街道"
              contacts: [{name: 街道值班, phone: "13800000009"}]
              communities:
                - id: changshoulu-c01
                  name: "曹家渡居委会"
                  contacts: [{name: 居委值班, phone: "13800000004"}]
            """

        @Test func householdFirstThenPropertyAndCommunityAndAcknowledgingStopsTheStreetTier() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let folder = try TempFolder("firewatchd")
            let receiver = try Receiver(folder: folder, secretFile: nil)
            let streets = try folder.write("streets.yaml", Self.streets)
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Self.registry, stations: Fixtures.stations, folder: folder,
                extraConfig: """
                    geography: {file: \(streets)}
                    notify:
                      retry_max_s: 1
                      targets:
                        - {name: people, url: "\(receiver.url("sms"))", format: sms}
                      contacts: {target: people, property_after_min: 0.02, street_after_min: 0.3}
                    """,
                tokens: NotifyTests.tokens)
            defer { daemon.stop(); receiver.stop(); folder.remove() }
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())

            func phones() -> [[String]] {
                receiver.requests.filter { $0.path == "/sms" && $0.status == 200 }.compactMap { r in
                    guard case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: r.bytes), case .array(let p)? = o["phones"] else { return nil }
                    return p.compactMap { if case .string(let s) = $0 { s } else { nil } }
                }
            }
            let told = try Wait.until("tiers 1 and 2 at the sms gateway; got \(phones())", seconds: 60) { () -> [[String]]? in
                phones().count >= 2 ? phones() : nil
            }
            #expect(told == [["13800000001"], ["13800000002", "13800000004"]])
            let text = try #require(receiver.requests.first { $0.path == "/sms" }).text
            #expect(text.contains("长寿路 100 号 3 号楼") && text.contains("火警"), "\(text)")
            // The numbers went to the gateway only: not into the stream, not into the registry's API.
            let frames = try SSE.read(daemon.baseURL, query: "?after=0&token=tok-viewer") { f in f.filter { $0.type == "alarm.notice" }.count >= 2 }
            let notices = frames.filter { $0.type == "alarm.notice" }.map(\.data).joined(separator: "\n")
            #expect(notices.contains("张三"), "\(notices.prefix(400))")
            #expect(!frames.contains { $0.data.contains("1380000") }, "a phone number in the stream: \(notices.prefix(400))")
            let devices = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/devices", token: "tok-viewer")
            #expect(devices.status == 200 && !devices.body.contains("1380000"), "a phone number in GET /api/v1/devices")

            let alarms = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms", token: "tok-viewer")
            let alarm = try #require(try Timestamps.decoder().decode([Alarm].self, from: Data(alarms.body.utf8)).first)
            #expect(alarm.history.filter { $0.to == .notified }.map(\.by) == ["notify:tier1", "notify:tier2"])
            #expect(try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/alarms/\(alarm.id)/acknowledge", token: "tok-operator", body: "{}").status == 200)

            // Past the street tier's time (18 s after the raise) the chain has not gone on: the history,
            // committed on the pipeline's 250 ms tick, and the gateway both still show two tiers.
            let streetDue = alarm.raisedAt.addingTimeInterval(18 + 2)
            try Wait.until("the street tier's time to pass", seconds: 40) { Date() > streetDue ? true : nil }
            let after = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/alarms/\(alarm.id)", token: "tok-viewer")
            let now = try Timestamps.decoder().decode(Alarm.self, from: Data(after.body.utf8))
            #expect(now.history.filter { $0.to == .notified }.count == 2, "\(now.history.map(\.by))")
            #expect(phones().count == 2)
        }
    }
}
