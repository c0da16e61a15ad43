import FireWatchCore
import FireWatchTestKit
import Foundation

/// What integration tests read back from a daemon and from a subscriber to its topics.
extension DaemonUnderTest {
    /// The alarm with this id over the API, open or resolved; nil on 404.
    func alarm(_ id: String) throws -> Alarm? {
        let (status, body) = try get("/api/v1/alarms/\(id)")
        return status == 200 ? try Timestamps.decoder().decode(Alarm.self, from: Data(body.utf8)) : nil
    }

    /// The first sample of a metric (any labels), 0 when it is not there yet.
    func metric(_ name: String) throws -> Double {
        for line in try get("/metrics").1.split(separator: "\n") where line.hasPrefix(name + " ") || line.hasPrefix(name + "{") {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// Every alarm over the API, newest first.
    func alarms() throws -> [Alarm] {
        try Timestamps.decoder().decode([Alarm].self, from: Data(get("/api/v1/alarms?state=all").1.utf8))
    }
}

extension ChildProcess {
    /// Dispatch orders a `mosquitto_sub -v` on `firewatch/stations/+/dispatch` has printed, in arrival order.
    var dispatchOrders: [DispatchOrder] {
        text.split(separator: "\n").compactMap { line -> DispatchOrder? in
            guard line.hasPrefix("firewatch/stations/"), let brace = line.firstIndex(of: "{") else { return nil }
            return try? Timestamps.decoder().decode(DispatchOrder.self, from: Data(line[brace...].utf8))
        }
    }
}
