import FireWatchCore
import Foundation

/// A temperature climbing at `rateOfRiseCelsiusPerMinute` or faster on a heat or smoke device raises a
/// `pre_alarm`: a fire that grows before the fixed alarm temperature is reached.
public struct RateOfRiseRule: ConditionRule {
    public init() {}

    public func observe(_ reading: Reading, in context: RuleContext) -> [Observation] {
        guard context.policy.rateOfRiseKinds.contains(context.deviceKind) else { return [] }
        let limit = context.policy.rateOfRiseCelsiusPerMinute
        return context.temperatureRates.sorted { $0.key < $1.key }.map { metric, rate in
            let token = "rate_of_rise:\(metric)"
            let text = "\(metric) rising \((rate * 10).rounded() / 10) °C/min"
            return rate >= limit
                ? Observation(.alarm(.preAlarm), .asserts(token: token), why: "\(text) ≥ \(limit)")
                : Observation(.alarm(.preAlarm), .releases(.metric(token)), why: "\(text) < \(limit)")
        }
    }
}

/// Recent temperatures per (device, point, channel) on the device's own clock, so a burst of readings
/// processed together after a restart still gives the real rate.
public struct TemperatureTrend: Codable, Hashable, Sendable {
    /// One temperature at the device's time.
    public struct Sample: Codable, Hashable, Sendable {
        public var at: Date
        public var celsius: Double
    }

    public var samples = KeyedState<[Sample]>()

    public init() {}

    /// Adds the reading's temperatures and returns, per metric, the fastest rise (°C/min) from an older
    /// sample inside the window to this one. Out-of-order readings are not compared.
    mutating func add(_ reading: Reading, policy: HazardPolicy) -> [String: Double] {
        var rates: [String: Double] = [:]
        for metric in reading.metrics(named: "temperature_c") {
            let key = "\(reading.device)|\(reading.point.key)|\(metric.name)"
            var list = samples[key] ?? []
            if let last = list.last, last.at >= reading.at { continue }
            list.removeAll { reading.at.timeIntervalSince($0.at) > policy.rateOfRiseWindowSeconds }
            let spans = list.compactMap { s -> Double? in
                let seconds = reading.at.timeIntervalSince(s.at)
                guard seconds >= policy.rateOfRiseMinimumSpanSeconds else { return nil }
                return (metric.value - s.celsius) / (seconds / 60)
            }
            if let fastest = spans.max() { rates[metric.name] = fastest }
            list.append(Sample(at: reading.at, celsius: metric.value))
            samples[key] = list
        }
        return rates
    }

    /// Forgets points not heard for a day, so devices that left the fleet do not stay in memory.
    mutating func prune(now: Date) {
        samples.update { _, list in (list.last.map { now.timeIntervalSince($0.at) } ?? .infinity) < 86400 ? list : nil }
    }
}
