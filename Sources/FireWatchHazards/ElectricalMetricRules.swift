import FireWatchCore

/// Residual current at or above `hazards.residual_current_ma` is an `electrical_warning` (GB 14287);
/// it ends below `releaseFraction` of the threshold.
public struct ResidualCurrentRule: ConditionRule {
    public init() {}

    public func observe(_ reading: Reading, in context: RuleContext) -> [Observation] {
        let p = context.policy
        return reading.metrics(named: "residual_current_ma").compactMap { metric in
            Threshold(on: p.residualCurrentMilliamps, off: p.release(p.residualCurrentMilliamps), unit: "mA")
                .observe(metric.name, metric.value, subject: .hazard(.electricalWarning))
        }
    }
}

/// Cable temperatures on electrical fire monitors: at or above `hazards.cable_temperature_c` an
/// `electrical_warning`, at or above the critical level an `electrical` alarm; each ends below
/// `releaseFraction` of its level.
public struct CableTemperatureRule: ConditionRule {
    public init() {}

    public func observe(_ reading: Reading, in context: RuleContext) -> [Observation] {
        guard context.isElectrical else { return [] }
        let p = context.policy
        let warning = Threshold(on: p.cableTemperatureCelsius, off: p.release(p.cableTemperatureCelsius), unit: "°C")
        let critical = Threshold(on: p.criticalCableTemperatureCelsius, off: p.release(p.criticalCableTemperatureCelsius), unit: "°C")
        return reading.metrics(named: "temperature_c").flatMap { metric in
            [
                warning.observe(metric.name, metric.value, subject: .hazard(.electricalWarning)),
                critical.observe(metric.name, metric.value, subject: .alarm(.electrical)),
            ].compactMap { $0 }
        }
    }
}

/// A threshold with hysteresis: on at or above `on`, off below `off`, no news in between.
struct Threshold {
    var on: Double
    var off: Double
    var unit: String

    func observe(_ metric: String, _ value: Double, subject: ConditionSubject) -> Observation? {
        if value >= on {
            return Observation(subject, .asserts(token: metric), why: "\(metric) \(format(value)) ≥ \(format(on)) \(unit)")
        }
        if value < off {
            return Observation(subject, .releases(.metric(metric)), why: "\(metric) \(format(value)) < \(format(off)) \(unit)")
        }
        return nil
    }

    func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10)
    }
}
