import FireWatchCore
import Foundation

/// The numbers the hazard pipeline runs on: config `hazards.*` (INTERFACES.md) plus the engine's own
/// documented choices, each with the default and the reason for it.
public struct HazardPolicy: Hashable, Sendable {
    /// `hazards.offline_after_heartbeats`: silence for this many heartbeats opens an `offline` hazard.
    public var offlineAfterHeartbeats: Int
    /// `hazards.coincidence_window_s`: a second detector of the building within this confirms (EN 54-2 type C).
    public var coincidenceWindowSeconds: Double
    /// `hazards.chattering.count`: occur-and-clear cycles that make an alarm chattering (ISA-18.2: 3).
    public var chatteringCount: Int
    /// `hazards.chattering.window_s`: within this many seconds (ISA-18.2: 60).
    public var chatteringWindowSeconds: Double
    /// `hazards.flood.count`: more new alarms than this in a street within the window is a flood.
    public var floodCount: Int
    /// `hazards.flood.window_s`: the flood window (ISA-18.2: 10 per 10 minutes; ends below half).
    public var floodWindowSeconds: Double
    /// `hazards.residual_current_ma`: `electrical_warning` at or above (GB 14287 default 500 mA).
    public var residualCurrentMilliamps: Double
    /// `hazards.cable_temperature_c`: `electrical_warning` at or above on electrical devices (default 85 °C).
    public var cableTemperatureCelsius: Double
    /// Cable temperature that raises an `electrical` alarm. Default: 35 °C above the warning level
    /// (120 °C at 85): well past the 90 °C continuous rating of XLPE insulation, so it is no longer a
    /// hazard to schedule but a cable that may ignite.
    public var criticalCableTemperatureCelsius: Double
    /// Hysteresis: a metric condition ends only below this fraction of its threshold (0.9: 450 mA, 76.5 °C),
    /// so a value hovering at the threshold does not open and close a hazard on every reading.
    public var releaseFraction: Double
    /// Temperature rise that raises a `pre_alarm` on heat and smoke devices: 8 °C/min, the NFPA 72
    /// rate-of-rise setting of 15 °F/min rounded down.
    public var rateOfRiseCelsiusPerMinute: Double
    /// How far back (device time) rate of rise compares readings.
    public var rateOfRiseWindowSeconds: Double
    /// Two readings closer than this are not compared: sensor noise over seconds is not a rate.
    public var rateOfRiseMinimumSpanSeconds: Double
    /// Device kinds whose temperature rate of rise is watched.
    public var rateOfRiseKinds: Set<String>
    /// Device kinds that are electrical fire monitors (cable temperatures, `over_temperature`).
    public var electricalKinds: Set<String>
    /// `chronic_false_alarm` after this many alarms of one device resolved as false alarms …
    public var chronicFalseAlarmCount: Int
    /// … within this many seconds (30 days).
    public var chronicFalseAlarmWindowSeconds: Double
    /// Repeats of a test or suppressed alarm within this many seconds fold into its record.
    public var testFoldSeconds: Double
    /// A reading dated further ahead of its receive time than this takes the receive time, and its
    /// device's `device_clock` hazard opens (VOCABULARY.md: 5 minutes). Rule state is never keyed to
    /// a time the clock has not reached: one reading dated 2099 had switched rate of rise off until 2099.
    public var clockAheadToleranceSeconds: Double = 300
    /// `hazards.due_hours`: hours allowed to rectify, by kind, over VOCABULARY.md's defaults.
    public var dueHours: [HazardKind: Double] = [:]
    /// A reminder (`hazard.reminder`) goes out when this fraction of a hazard's allowance is left
    /// (a quarter: 18 h before a 72 h deadline, 6 h before a 24 h one).
    public var reminderFraction: Double = 0.25

    /// Seconds allowed to rectify a hazard of `kind`.
    public func allowance(_ kind: HazardKind) -> TimeInterval {
        dueHours[kind].map { $0 * 3600 } ?? kind.allowanceSeconds
    }

    public init(
        offlineAfterHeartbeats: Int = 3, coincidenceWindowSeconds: Double = 120, chatteringCount: Int = 3,
        chatteringWindowSeconds: Double = 60, floodCount: Int = 10, floodWindowSeconds: Double = 600,
        residualCurrentMilliamps: Double = 500, cableTemperatureCelsius: Double = 85,
        criticalCableTemperatureCelsius: Double? = nil, releaseFraction: Double = 0.9,
        rateOfRiseCelsiusPerMinute: Double = 8, rateOfRiseWindowSeconds: Double = 300,
        rateOfRiseMinimumSpanSeconds: Double = 20, rateOfRiseKinds: Set<String> = ["heat", "smoke"],
        electricalKinds: Set<String> = ["electrical"], chronicFalseAlarmCount: Int = 3,
        chronicFalseAlarmWindowSeconds: Double = 30 * 86400, testFoldSeconds: Double = 3600
    ) {
        self.offlineAfterHeartbeats = offlineAfterHeartbeats
        self.coincidenceWindowSeconds = coincidenceWindowSeconds
        self.chatteringCount = chatteringCount
        self.chatteringWindowSeconds = chatteringWindowSeconds
        self.floodCount = floodCount
        self.floodWindowSeconds = floodWindowSeconds
        self.residualCurrentMilliamps = residualCurrentMilliamps
        self.cableTemperatureCelsius = cableTemperatureCelsius
        self.criticalCableTemperatureCelsius = criticalCableTemperatureCelsius ?? cableTemperatureCelsius + 35
        self.releaseFraction = releaseFraction
        self.rateOfRiseCelsiusPerMinute = rateOfRiseCelsiusPerMinute
        self.rateOfRiseWindowSeconds = rateOfRiseWindowSeconds
        self.rateOfRiseMinimumSpanSeconds = rateOfRiseMinimumSpanSeconds
        self.rateOfRiseKinds = rateOfRiseKinds
        self.electricalKinds = electricalKinds
        self.chronicFalseAlarmCount = chronicFalseAlarmCount
        self.chronicFalseAlarmWindowSeconds = chronicFalseAlarmWindowSeconds
        self.testFoldSeconds = testFoldSeconds
    }

    /// Where a metric condition that started at `threshold` ends.
    public func release(_ threshold: Double) -> Double { threshold * releaseFraction }
}
