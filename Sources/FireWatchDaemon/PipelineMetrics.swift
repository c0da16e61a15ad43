import FireWatchCore
import FireWatchPipeline
import Foundation
import Metrics
import Synchronization

/// The pipeline's Prometheus metrics (names are binding, INTERFACES.md).
final class PipelineMetrics: Sendable {
    let unknownDevices = Counter(label: "firewatch_unknown_devices_total")
    let oversize = Counter(label: "firewatch_ingest_oversize_total")
    let dispatchLatency = Timer(
        label: "firewatch_dispatch_latency_seconds", preferredDisplayUnit: .seconds)
    let firstPage = Metrics.Timer(label: "firewatch_dispatch_first_page_seconds", preferredDisplayUnit: .seconds)
    /// The dispatch latency split: message received → page decided, and page decided → published.
    let decidedLatency = Timer(label: "firewatch_dispatch_decided_seconds", preferredDisplayUnit: .seconds)
    let publishedLatency = Timer(label: "firewatch_dispatch_publish_seconds", preferredDisplayUnit: .seconds)
    /// Journal entries the pipeline has processed, and those journaled but not yet processed.
    let processed = Counter(label: "firewatch_pipeline_messages_total")
    let lag = Gauge(label: "firewatch_pipeline_lag_messages")
    /// MQTT messages committed and not yet acknowledged by the broker.
    let outboxPending = Gauge(label: "firewatch_notify_pending", dimensions: [("target", "mqtt")])
    let decodeErrors = Mutex<[String: Counter]>([:])
    let byStreet = Mutex<[String: any Sendable]>([:])
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

    /// A rank-1 page was handed to MQTT this long after it was decided.
    func published(seconds: Double) { publishedLatency.recordSeconds(seconds) }

    /// Counts what the decision core saw.
    func record(_ fact: MetricFact) {
        switch fact {
        case .unknownDevice:
            unknownDevices.increment()
        case .oversize:
            oversize.increment()
        case .decodeError(let model):
            decodeError(model: model)
        case .paged(let street, let rank, let seconds, let etaMet):
            // Time from raise to the first page, and whether the ETA meets the target, by street.
            guard rank == 1 else { return }
            firstPage.recordSeconds(seconds)
            counter("firewatch_dispatch_eta_target_total", [("street", street), ("met", etaMet ? "true" : "false")]).increment()
        case .decided(let seconds):
            decidedLatency.recordSeconds(seconds)
        case .accepted(let street, let seconds):
            let t: Metrics.Timer = cached("accept|\(street)") {
                Metrics.Timer(label: "firewatch_dispatch_accept_seconds", dimensions: [("street", street)], preferredDisplayUnit: .seconds)
            }
            t.recordSeconds(seconds)
        }
    }

    func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        cached("\(label)|\(dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ","))") { Counter(label: label, dimensions: dimensions) }
    }

    func cached<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        byStreet.withLock { m in
            if let v = m[key] as? T { return v }
            let v = make()
            m[key] = v
            return v
        }
    }

    func setOpenHazards(_ hazards: some Sequence<Hazard>) {
        var counts: [HazardKind: Int] = [:]
        for h in hazards where h.isOpen { counts[h.kind, default: 0] += 1 }
        for kind in HazardKind.allCases {
            let gauge: Gauge = cached("hazards|\(kind.rawValue)") { Gauge(label: "firewatch_hazards_open", dimensions: [("kind", kind.rawValue)]) }
            gauge.record(counts[kind] ?? 0)
        }
    }

    func setOpenAlarms(_ alarms: some Sequence<Alarm>) {
        var counts: [AlarmKind: Int] = [:]
        // Drills stay out of the live metrics.
        for a in alarms where !a.isDrill { counts[a.kind, default: 0] += 1 }
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
