import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

/// A webhook receiver on loopback (Tests/IntegrationTests/receiver/receiver.py) that records what it
/// accepts, checks signatures with its own HMAC, and fails, stalls or refuses as told.
final class Receiver: Sendable {
    let process: ChildProcess
    let port: Int
    let log: String
    let modeFile: String

    init(folder: TempFolder, secretFile: String?) throws {
        log = folder.file("received.jsonl")
        modeFile = folder.file("mode")
        try "ok".write(toFile: modeFile, atomically: true, encoding: .utf8)
        let script = (Repository.root as NSString).appendingPathComponent("Tests/IntegrationTests/receiver/receiver.py")
        process = try ChildProcess("/usr/bin/env", ["python3", script, "--log", log, "--mode-file", modeFile] + (secretFile.map { ["--secret-file", $0] } ?? []))
        let line = try process.waitFor("port ", seconds: 20)
        port = Int(line.split(separator: "port ").last?.split(separator: "\n").first ?? "") ?? 0
    }

    func mode(_ m: String) throws { try m.write(toFile: modeFile, atomically: true, encoding: .utf8) }

    struct Request: Decodable {
        var path: String, status: Int, delivery: String?, event: String?, content_type: String?, timestamp: String, signature_valid: Bool?, body: String
        var bytes: Data { Data(base64Encoded: body) ?? Data() }
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Every request recorded so far, in arrival order.
    var requests: [Request] {
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }
    func stop() { process.stop(signal: SIGKILL) }
}

extension Integration {
    /// The outbox (issue 14): every event the stream shows reaches each target at least once, signed,
    /// in the target's format, across a SIGKILL of the daemon and a receiver that is down for a while;
    /// what a receiver refuses for good becomes a dead letter that `firewatch notify retry` sends again.
    @Suite(.serialized) struct NotifyTests {
        static let tokens = "tok-operator: {name: duty-officer, role: operator}\ntok-viewer: {name: office, role: viewer}\n"

        static func config(_ r: Receiver, secret: String) -> String {
            """
            notify:
              link: "http://firewatch.putuo.example/"
              retry_max_s: 1
              targets:
                - {name: feed, url: "\(r.url("feed"))", format: json, secret_file: \(secret)}
                - {name: brigade-cap, url: "\(r.url("cap"))", format: cap, events: [alarm], secret_file: \(secret)}
                - {name: wecom-room, url: "\(r.url("wecom"))", format: wecom, events: [alarm.raised, alarm.dispatched], secret_file: \(secret)}
                - {name: ding, url: "\(r.url("ding"))", format: dingtalk, events: [alarm.raised], kinds: [fire], secret_file: \(secret)}
                - {name: sms-gw, url: "\(r.url("sms"))", format: sms, events: [alarm.raised], streets: [changshoulu], phones: ["13800000001"], secret_file: \(secret)}
            """
        }

        static func start(_ broker: TestBroker, folder: TempFolder? = nil) throws -> (DaemonUnderTest, Receiver) {
            let folder = try folder ?? TempFolder("firewatchd")
            let secret = try folder.write("hook.secret", "s3cret-for-tests\n")
            let receiver = try Receiver(folder: folder, secretFile: secret)
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder,
                extraConfig: config(receiver, secret: secret), tokens: tokens)
            return (daemon, receiver)
        }

        /// The stream's events as `tail --json` prints them, oldest first.
        static func stream(_ daemon: DaemonUnderTest, count: Int) throws -> [FeedEvent] {
            let tail = try ChildProcess(Repository.executable("firewatch"), [
                "tail", "--json", "--since", "1h", "--count", "\(count)", "--server", daemon.baseURL, "--token", "tok-viewer"])
            _ = try tail.waitForExit(seconds: 20)
            return tail.text.split(separator: "\n").compactMap { try? Timestamps.decoder().decode(FeedEvent.self, from: Data($0.utf8)) }
        }

        /// Waits until the `feed` target holds every event of the stream so far (at least `least`);
        /// returns the stream's seqs.
        static func feedHasTheStream(_ daemon: DaemonUnderTest, _ r: Receiver, least: Int, seconds: Double = 60) throws -> [Int64] {
            try Wait.until("every stream event at the feed target; got \(r.requests.filter { $0.path == "/feed" && $0.status == 200 }.count)", seconds: seconds) {
                let delivered = Set(r.requests.filter { $0.path == "/feed" && $0.status == 200 }.compactMap(\.delivery))
                guard delivered.count >= least else { return nil }
                let seqs = try stream(daemon, count: delivered.count).map(\.seq)
                return Set(seqs.map { "feed-\($0)" }).isSubset(of: delivered) && seqs.count >= least ? seqs : nil
            }
        }

        @Test func everyFormatArrivesSignedAndTheFeedMatchesTheStream() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, r) = try Self.start(broker)
            defer { daemon.stop(); r.stop(); daemon.folder.remove() }
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            let seqs = try Self.feedHasTheStream(daemon, r, least: 2)
            let all = r.requests
            #expect(all.allSatisfy { $0.signature_valid == true }, "\(all.filter { $0.signature_valid != true }.map(\.path))")
            let feed = all.filter { $0.path == "/feed" }
            let event = try Timestamps.decoder().decode(FeedEvent.self, from: feed[0].bytes)
            #expect(feed[0].delivery == "feed-\(event.seq)" && feed[0].event == event.type.rawValue && seqs.contains(event.seq))
            #expect(feed.map(\.delivery) == feed.map(\.delivery).sorted { Int($0!.dropFirst(5))! < Int($1!.dropFirst(5))! }, "in order per target")

            let others = try Wait.until("cap, wecom, dingtalk and sms deliveries", seconds: 30) { () -> [String: Receiver.Request]? in
                let byPath = Dictionary(r.requests.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
                return ["/cap", "/wecom", "/ding", "/sms"].allSatisfy { byPath[$0] != nil } ? byPath : nil
            }
            let cap = try #require(others["/cap"])
            #expect(cap.content_type?.hasPrefix("application/cap+xml") == true && cap.text.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"))
            #expect(cap.text.contains("<category>Fire</category>"), "\(cap.text.prefix(300))")
            let wecom = try JSONDecoder().decode(JSONValue.self, from: try #require(others["/wecom"]).bytes)
            guard case .object(let w) = wecom, case .object(let md)? = w["markdown"], case .string(let content)? = md["content"] else {
                Issue.record("wecom body \(wecom)"); return
            }
            #expect(w["msgtype"] == .string("markdown") && content.contains("长寿路 100 号") && content.contains("火警") && content.contains("http://firewatch.putuo.example/"))
            let ding = try JSONDecoder().decode(JSONValue.self, from: try #require(others["/ding"]).bytes)
            guard case .object(let d) = ding, case .object(let dm)? = d["markdown"], case .string(let title)? = dm["title"] else {
                Issue.record("dingtalk body \(ding)"); return
            }
            #expect(title.contains("火警"))
            let sms = try JSONDecoder().decode(JSONValue.self, from: try #require(others["/sms"]).bytes)
            guard case .object(let s) = sms, case .array(let phones)? = s["phones"], case .string(let text)? = s["text"] else {
                Issue.record("sms body \(sms)"); return
            }
            #expect(phones == [.string("13800000001")] && text.hasPrefix("【FireWatch】【火警】") && text.contains("长寿路 100 号"))
            #expect(!r.requests.contains { $0.path == "/ding" && $0.event != "alarm.raised" }, "filters by event type")

            let listed = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/notify", token: "tok-operator")
            #expect(listed.status == 200 && listed.body.contains("\"name\":\"feed\"") && !listed.body.contains("s3cret"), "\(listed.body.prefix(400))")
            #expect(try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/notify", token: "tok-viewer").status == 403)
        }

        @Test func aSIGKILLMidDeliveryAndAReceiverDownLoseNothing() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            var (daemon, r) = try Self.start(broker)
            defer { r.stop(); daemon.folder.remove() }
            // The receiver holds every request: deliveries are in flight when the daemon dies.
            try r.mode("stall")
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            _ = try Wait.until("a delivery in flight", seconds: 30) { r.requests.contains { $0.status == 0 } ? true : nil }
            #expect(daemon.process.stop(signal: SIGKILL) != nil)
            // Down for a while: failing, then up again.
            try r.mode("fail")
            daemon = try DaemonUnderTest(broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: daemon.folder,
                                         extraConfig: Self.config(r, secret: daemon.folder.file("hook.secret")), tokens: Self.tokens)
            defer { daemon.stop() }
            try broker.publish(topic: "devices/uitd-t2/up", payload: Fixtures.componentFireAlarm())
            _ = try Wait.until("failed attempts", seconds: 30) { r.requests.contains { $0.status == 503 } ? true : nil }
            let pending = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/notify?state=pending", token: "tok-operator")
            #expect(pending.body.contains("HTTP 503"), "\(pending.body.prefix(400))")
            try r.mode("ok")
            let seqs = try Self.feedHasTheStream(daemon, r, least: 3)
            // Duplicates only under one delivery id, each time with the same body.
            var bodies: [String: Data] = [:]
            for q in r.requests where q.path == "/feed" && q.status == 200 {
                let id = try #require(q.delivery)
                if let seen = bodies[id] { #expect(seen == q.bytes, "\(id) sent twice with different bodies") } else { bodies[id] = q.bytes }
            }
            #expect(Set(seqs.map { "feed-\($0)" }).isSubset(of: Set(bodies.keys)))
        }

        @Test func aRefusedMessageIsADeadLetterUntilRetried() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, r) = try Self.start(broker)
            defer { daemon.stop(); r.stop(); daemon.folder.remove() }
            try r.mode("gone")
            try broker.publish(topic: "devices/\(Fixtures.device)/up", payload: Fixtures.componentFireAlarm())
            func firewatch(_ args: [String]) throws -> (Int32?, String) {
                let p = try ChildProcess(Repository.executable("firewatch"), args + ["--server", daemon.baseURL, "--token", "tok-operator"])
                return (try p.waitForExit(seconds: 20), p.text)
            }
            // Each target delivers on its own: wait for the feed's own dead letter, not just the first one.
            let dead = try Wait.until("the feed's dead letter", seconds: 30) { () -> String? in
                let (_, out) = try firewatch(["notify", "list", "--state", "dead", "--target", "feed"])
                return out.contains("feed-") && out.contains("HTTP 404") ? out : nil
            }
            #expect(!dead.contains("sms-gw-"), "--target lists one target: \(dead)")
            try r.mode("ok")
            let (code, out) = try firewatch(["notify", "retry", "--target", "feed"])
            #expect(code == 0 && out.contains("requeued"), "\(out)")
            _ = try Self.feedHasTheStream(daemon, r, least: 2)
            #expect(try daemon.metric("firewatch_notify_deliveries_total") > 0)
        }
    }
}
