import FireWatchCore
import FireWatchServer
import FireWatchStore
import FireWatchTestKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization

/// The API on a real SQLite file, served by Hummingbird on a loopback port (`.live`), with alarm actions
/// applied and committed the way the pipeline does.
struct ServerFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let tokens = APITokens([
        "tok-viewer": APICaller(name: "street-office", role: .viewer),
        "tok-operator": APICaller(name: "duty-officer", role: .operator),
    ])

    let folder: TempFolder
    let store: SQLiteStore

    init() throws {
        folder = try TempFolder("firewatch-server")
        store = try SQLiteStore(path: folder.file("firewatch.sqlite"), timeZone: Self.shanghai)
    }

    /// An open fire alarm, stored with its `alarm.raised` event.
    @discardableResult
    func raise(device id: String = "uitd-t1", at date: Date = Date()) throws -> Alarm {
        let device = Device(
            id: id, model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "长寿路 100 号",
            street: "changshoulu", community: "changshoulu-c01")
        let alarm = Self.alarm(device: device, at: date)
        var step = PipelineCommit(cursor: 0)
        step.alarms = [alarm]
        step.events = [FeedEvent(at: date, type: .alarmRaised, alarm: alarm)]
        try store.commit(step)
        return alarm
    }

    func dependencies(tokens: APITokens?, limits: EventStreamLimits = EventStreamLimits()) -> APIDependencies {
        let store = store
        return APIDependencies(
            store: store, readiness: { nil }, stations: { [] }, device: { $0 == "uitd-t1" ? Self.device : nil }, devices: { [Self.device] },
            act: { action in
                guard let current = try store.alarm(id: action.alarmID) else { throw AlarmActionError.notFound(action.alarmID) }
                let updated = try current.applying(action, at: Date())
                var step = PipelineCommit(cursor: 0)
                step.alarms = [updated]
                step.events = [FeedEvent(at: Date(), type: updated.isOpen ? .alarmUpdated : .alarmResolved, alarm: updated)]
                try store.commit(step)
                return updated
            },
            metricsText: { "firewatch_ingest_messages_total 0\n" }, timeZone: Self.shanghai, instance: "test", tokens: { tokens },
            streamLimits: limits)
    }

    static let zones = Atomic<Int>(0)

    /// A new episode each time: a point of its own.
    static func alarm(device: Device = device, at date: Date = Date()) -> Alarm {
        let zone = zones.add(1, ordering: .relaxed).newValue
        return Alarm(
            id: Identifiers.make(prefix: "alm", at: date), device: device, point: Point(zone: zone), kind: .fire,
            severity: .critical, raisedAt: date)
    }

    static let device = Device(
        id: "uitd-t1", model: "gb26875/uitd", location: GeoPoint(lat: 31.24, lon: 121.43), address: "长寿路 100 号",
        street: "changshoulu", community: "changshoulu-c01")

    /// Runs `body` against the API served on a free loopback port.
    func serve<T: Sendable>(
        _ deps: APIDependencies, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = Application(router: APIRouter.build(deps), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live) { client in try await body(client) }
    }

    func remove() { folder.remove() }
}

extension TestResponse {
    /// The `error` of a JSON error body.
    var error: String? {
        guard let o = try? JSONDecoder().decode([String: String].self, from: Data(buffer: body)) else { return nil }
        return o["error"]
    }

    var text: String { String(buffer: body) }
}

func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// Polls `condition` until it holds or `seconds` pass, without blocking a cooperative thread (the
/// server under test runs on the same pool).
func eventually(_ what: @autoclosure () -> String, seconds: Double = 20, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw Wait.TimedOut(description: "timed out after \(seconds) s waiting for \(what())")
}
