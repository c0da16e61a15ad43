import Foundation

/// One tier of the chain that tells the people responsible for a place about its alarm (registry
/// `contacts`, the unit's responsible people, the community committee, the street office), sent as an
/// `alarm.notice` event through the `sms` target of `notify.contacts`.
public struct AlarmNotice: Codable, Hashable, Sendable {
    /// 1: household and unit; 2: property management and community committee; 3: the street office.
    public var tier: Int
    /// The `sms` target that carries it.
    public var target: String
    /// Who is told (each with a phone).
    public var contacts: [Contact]

    public init(tier: Int, target: String, contacts: [Contact]) {
        self.tier = tier
        self.target = target
        self.contacts = contacts
    }

    public var phones: [String] { contacts.compactMap(\.phone) }

    /// The notice as it is stored and streamed: who (names and roles), never their numbers (those go
    /// only into the outbox row of the sms target).
    public var withoutPhones: AlarmNotice {
        var n = self
        for i in n.contacts.indices { n.contacts[i].phone = nil }
        return n
    }

    /// Who a tier tells, in Chinese (住户、单位 / 物业、居委 / 街道).
    public static func chineseAudience(_ tier: Int) -> String {
        switch tier {
        case 1: "住户、单位"
        case 2: "物业、居委"
        default: "街道"
        }
    }

    public static func audience(_ tier: Int) -> String {
        switch tier {
        case 1: "household and unit"
        case 2: "property and community"
        default: "street office"
        }
    }
}

/// When and how the people responsible are told (`notify.contacts`): tier 1 at once, tier 2 and 3 when
/// the alarm is still unacknowledged that many seconds after it was raised. Acknowledging (or resolving)
/// the alarm stops the chain.
public struct NoticePolicy: Hashable, Sendable {
    /// The `sms` target of the notices.
    public var target: String
    /// Alarm kinds that start a chain.
    public var kinds: Set<AlarmKind>
    /// Seconds after the raise for tiers 2 and 3.
    public var propertyAfterSeconds: Double
    public var streetAfterSeconds: Double

    public init(target: String, kinds: Set<AlarmKind> = [.fire, .manualAlarm, .gas], propertyAfterSeconds: Double = 180, streetAfterSeconds: Double = 480) {
        self.target = target
        self.kinds = kinds
        self.propertyAfterSeconds = propertyAfterSeconds
        self.streetAfterSeconds = streetAfterSeconds
    }

    /// Seconds after the raise at which `tier` is due.
    public func delay(tier: Int) -> Double {
        switch tier {
        case 1: 0
        case 2: propertyAfterSeconds
        default: streetAfterSeconds
        }
    }

    public static let tiers = 1...3
}
