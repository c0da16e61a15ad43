import FireWatchCore
import Foundation
import Metrics
import Synchronization

/// The pipeline's Prometheus metrics (names are binding, INTERFACES.md).
final class PipelineMetrics: Sendable {
    let unknownDevices = Counter(label: "firewatch_unknown_devices_total")
    let dispatchLatency = Timer(
        label: "firewatch_dispatch_latency_seconds", preferredDisplayUnit: .seconds)
    let decodeErrors = Mutex<[String: Counter]>([:])
    let openGauges = Mutex<[AlarmKind: Gauge]>([:])

    func decodeError(model: String) {
        let c = decodeErrors.withLock { m in
            if let c = m[model] { return c }
            let c = Counter(label: "firewatch_decode_errors_total", dimensions: [("model", model)])
            m[model] = c
            return c
        }
        c.increment()
    }

    func setOpenAlarms(_ alarms: some Sequence<Alarm>) {
        var counts: [AlarmKind: Int] = [:]
        for a in alarms { counts[a.kind, default: 0] += 1 }
        openGauges.withLock { g in
            for kind in AlarmKind.allCases {
                let gauge = g[kind] ?? Gauge(label: "firewatch_alarms_open", dimensions: [("kind", kind.rawValue)])
                g[kind] = gauge
                gauge.record(counts[kind] ?? 0)
            }
        }
    }
}

extension Metrics.Timer {
    func recordSeconds(_ seconds: Double) {
        recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000))
    }
}
