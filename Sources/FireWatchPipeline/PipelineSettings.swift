import FireWatchCore
import FireWatchDispatch
import FireWatchHazards
import Foundation

/// What the decision core needs of the configuration: names, the time zone, and the policies.
public struct PipelineSettings: Sendable {
    /// Names this daemon in topics and CAP alerts.
    public var instance: String
    /// Device clocks without a zone (GB/T 26875.3) and the times in what the daemon publishes.
    public var timeZone: TimeZone
    /// Root of every topic the daemon publishes.
    public var topicPrefix: String
    /// The device subscriptions (the stations' are added: `allSubscriptions`).
    public var subscriptions: [Subscription]
    public var dispatch: DispatchPolicy
    public var hazards: HazardPolicy
    /// Seconds a key unit's control room has to answer a duty check (`gb26875.duty_check.answer_within_s`).
    public var dutyAnswerSeconds: Double
    /// Streets, communities and units with their names (`geography.*`); empty shows ids.
    public var geography: Geography
    /// Who is told of an alarm, in tiers (`notify.contacts`); nil: nobody.
    public var notices: NoticePolicy?

    public init(
        instance: String, timeZone: TimeZone, topicPrefix: String, subscriptions: [Subscription],
        dispatch: DispatchPolicy = DispatchPolicy(), hazards: HazardPolicy = HazardPolicy(), dutyAnswerSeconds: Double = 300,
        geography: Geography = Geography()
    ) {
        self.instance = instance
        self.timeZone = timeZone
        self.topicPrefix = topicPrefix
        self.subscriptions = subscriptions
        self.dispatch = dispatch
        self.hazards = hazards
        self.dutyAnswerSeconds = dutyAnswerSeconds
        self.geography = geography
    }

    public var topics: Topics { Topics(prefix: topicPrefix, instance: instance) }

    /// What the journal's topics are routed by: the device filters, the stations' answers and
    /// statuses, and GB/T 26875.3 frames over TCP (never subscribed at the broker: `mqttFilters`).
    public var allSubscriptions: [Subscription] {
        let level = topics.prefix.split(separator: "/").count + 2
        return subscriptions + [
            .init(filter: topics.stationAcks, deviceLevel: level, envelope: StationMessages.ackEnvelope),
            .init(filter: topics.stationStatus, deviceLevel: level, envelope: StationMessages.statusEnvelope),
            .init(filter: GB26875Topics.downlinkFilter, deviceLevel: GB26875Topics.deviceLevel, envelope: GB26875Topics.downlinkEnvelope),
            .init(filter: GB26875Topics.filter, deviceLevel: GB26875Topics.deviceLevel, envelope: "raw"),
        ]
    }

    /// The filters subscribed at the broker.
    public var mqttFilters: [String] {
        allSubscriptions.map(\.filter).filter { !GB26875Topics.isFrame($0) }
    }
}
