import FireWatchCore
import Foundation

/// The chain that tells the people responsible (`notify.contacts`): tier 1 (household, unit) when the
/// alarm is raised, tier 2 (property, community committee) and tier 3 (street office) when it is still
/// unacknowledged so long after. Each tier is an `alarm.notice` event the sms target carries and a line
/// in the alarm's history; acknowledging or resolving the alarm stops the chain. What a chain has done
/// is read from the alarm's history, so a restart picks it up where it was.
extension PipelineCore {
    /// Starts the chains of alarms this step touched, and sends every tier due by `now`.
    mutating func advanceNotices(now: Date, into e: inout PipelineEffects) {
        guard let policy = settings.notices else { return }
        for id in stepAlarmOrder where noticeDue[id] == nil {
            guard let a = openAlarm(id), startsChain(a, policy), let due = nextNotice(a, policy, after: nil) else { continue }
            noticeDue[id] = due
        }
        guard noticeDue.values.contains(where: { $0 <= now }) else { return }
        for (id, due) in noticeDue where due <= now {
            guard var alarm = openAlarm(id), startsChain(alarm, policy) else {
                noticeDue[id] = nil
                continue
            }
            for tier in NoticePolicy.tiers where !alarm.notifiedTiers.contains(tier) && alarm.raisedAt.addingTimeInterval(policy.delay(tier: tier)) <= now {
                let people = contacts(tier: tier, of: alarm)
                guard !people.isEmpty else { continue }
                let notice = AlarmNotice(tier: tier, target: policy.target, contacts: people)
                guard let moved = move(id, now: now, into: &e, { $0.notified(notice, at: now) }) else { break }
                alarm = moved
                e.commit.events.append(FeedEvent(
                    at: now, type: .alarmNotice, alarm: alarm,
                    note: "tier \(tier) (\(AlarmNotice.audience(tier))): \(people.count) told through \(policy.target)",
                    noteZH: "第\(tier)级：已短信通知\(AlarmNotice.chineseAudience(tier)) \(people.count) 人", notice: notice))
                e.log(.info, "people responsible notified", ["alarm_id": id, "tier": "\(tier)", "contacts": "\(people.count)"])
            }
            noticeDue[id] = nextNotice(alarm, policy, after: now)
        }
    }

    /// Sets the chains of the open alarms anew (start-up, reload): each waits for its next tier not sent.
    mutating func scheduleNotices() {
        noticeDue = [:]
        guard let policy = settings.notices else { return }
        for a in alarms.open.values where startsChain(a, policy) {
            noticeDue[a.id] = nextNotice(a, policy, after: nil)
        }
    }

    /// Whether `alarm` is (still) one whose people are told: its kind, the first of its incident, not
    /// acknowledged.
    func startsChain(_ alarm: Alarm, _ policy: NoticePolicy) -> Bool {
        alarm.isOpen && !alarm.isDrill && !alarm.acknowledged && alarm.incident == nil && policy.kinds.contains(alarm.kind)
    }

    /// When the next tier not yet sent is due: the earliest such (nil `after`, as after a restart), or
    /// the earliest later than `after`.
    func nextNotice(_ alarm: Alarm, _ policy: NoticePolicy, after: Date?) -> Date? {
        let sent = alarm.notifiedTiers
        return NoticePolicy.tiers.filter { !sent.contains($0) }
            .map { alarm.raisedAt.addingTimeInterval(policy.delay(tier: $0)) }
            .filter { after == nil || $0 > after! }
            .min()
    }

    /// The people of `tier` for `alarm`, each with a phone, each number once.
    func contacts(tier: Int, of alarm: Alarm) -> [Contact] {
        let device = devices[alarm.device]
        let g = settings.geography
        let roles: Set<String>
        var places: [Contact] = []
        switch tier {
        case 1:
            roles = ["household", "unit"]
            if let unit = device?.unit { places = g.units[unit]?.responsible ?? [] }
        case 2:
            roles = ["property", "community"]
            places = g.communities[alarm.community]?.contacts ?? []
        default:
            roles = []
            places = g.street(alarm.street)?.contacts ?? []
        }
        var seen: Set<String> = []
        return ((device?.contacts ?? []).filter { roles.contains($0.role ?? "") } + places).filter { c in
            guard let phone = c.phone else { return false }
            return seen.insert(phone).inserted
        }
    }
}
