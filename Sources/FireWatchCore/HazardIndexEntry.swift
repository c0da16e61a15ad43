import Foundation

/// One row of the community hazard index (社区安全隐患指数, VOCABULARY.md): a street's or a community's
/// score with the counts that made it, so a reader can check the number.
public struct HazardIndexEntry: Codable, Hashable, Sendable {
    /// Which registry level the row summarises.
    public enum Level: String, Codable, CaseIterable, Hashable, Sendable {
        case street, community
        /// A unit of the baseline register (底数清册), for devices and hazards that name one.
        case unit
    }

    /// The colour a score falls in: green < 1 ≤ yellow < 3 ≤ orange < 6 ≤ red.
    public enum Grade: String, Codable, CaseIterable, Hashable, Sendable {
        case green, yellow, orange, red

        public init(score: Double) {
            switch score {
            case ..<1: self = .green
            case ..<3: self = .yellow
            case ..<6: self = .orange
            default: self = .red
            }
        }
    }

    public var level: Level
    /// The street or community id from the registry.
    public var id: String
    /// Display name; the id when no name is known.
    public var name: String
    public var score: Double
    public var grade: Grade
    /// Registered devices at this level (the score's denominator, at least 1).
    public var devices: Int
    /// Hazards not yet closed (open or rectified).
    public var openHazards: Int
    /// Of those, how many missed their deadline (they weigh double).
    public var overdue: Int
    /// Open fire and manual alarms (5 points each).
    public var openFireAlarms: Int

    public init(
        level: Level, id: String, name: String, score: Double, devices: Int, openHazards: Int, overdue: Int,
        openFireAlarms: Int
    ) {
        self.level = level
        self.id = id
        self.name = name
        self.score = score
        self.grade = Grade(score: score)
        self.devices = devices
        self.openHazards = openHazards
        self.overdue = overdue
        self.openFireAlarms = openFireAlarms
    }

    enum CodingKeys: String, CodingKey {
        case level, id, name, score, grade, devices, overdue
        case openHazards = "open_hazards", openFireAlarms = "open_fire_alarms"
    }
}
