import FireWatchCore
import Foundation

extension HazardEngine {
    /// Supervision by the clock: silent devices go `offline`, late hazards become overdue, chattering
    /// and floods end, suppressions run out, old window entries are forgotten. Call it every few seconds.
    public mutating func tick(now: Date, makeID: (String) -> String) -> [HazardEngineChange] {
        var changes: [HazardEngineChange] = []
        let silent = watch.silent(now: now, after: policy.offlineAfterHeartbeats) { [fleet] in fleet[$0]?.heartbeatSeconds }
        for profile in silent.compactMap({ fleet[$0] }) {
            let since = watch.silentSince(profile.id) ?? now
            let why = "silent for \(Int(now.timeIntervalSince(since))) s (\(policy.offlineAfterHeartbeats) × \(profile.heartbeatSeconds) s heartbeat)"
            changes += raise(.offline, of: profile.device, point: nil, now: now, by: "supervision", why: why, makeID: makeID)
        }
        changes += unansweredDutyChecks(now: now, makeID: makeID)
        changes += hazards.markReminded(now: now, fraction: policy.reminderFraction).map { .hazardUpdated($0, reason: .reminder) }
        changes += hazards.markOverdue(now: now).map { .hazardUpdated($0, reason: .overdue) }
        for key in memory.chatter.expire(now: now, windowSeconds: policy.chatteringWindowSeconds) {
            guard let id = alarms.open[key]?.id, let alarm = alarms.modify(id, {
                $0.markChattering(false, by: "rules", at: now, why: "quiet for \(Int(policy.chatteringWindowSeconds)) s")
            }) else { continue }
            changes.append(.alarmUpdated(alarm, reason: .chatteringEnded, quiet: false))
        }
        for ended in memory.flood.expire(now: now, count: policy.floodCount, windowSeconds: policy.floodWindowSeconds) {
            changes.append(.floodEnded(street: ended.street, alarms: ended.alarms))
        }
        _ = memory.suppressions.expire(now: now)
        // Housekeeping only (every lookup filters by time itself): once a minute, not on every tick,
        // since it walks every building, device and trend the memory holds.
        if now.timeIntervalSince(prunedAt) >= Self.pruneSeconds {
            prunedAt = now
            memory.coincidence.prune(now: now, windowSeconds: policy.coincidenceWindowSeconds)
            memory.falseAlarms.prune(now: now, windowSeconds: policy.chronicFalseAlarmWindowSeconds)
            memory.testAlarms.update { _, t in now.timeIntervalSince(t.lastAt) < policy.testFoldSeconds ? t : nil }
            memory.temperatures.prune(now: now)
        }
        return changes
    }
}
