import FireWatchCore
import Foundation

extension HazardEngine {
    /// The centre sent `device`'s control room a duty check (查岗) at `at`: it must be answered within
    /// `answerWithin` seconds. While an earlier check is still unanswered, that one's deadline stands.
    public mutating func dutyCheckSent(_ device: String, at: Date, answerWithin: Double) {
        guard memory.dutyChecks[device] == nil else { return }
        memory.dutyChecks[device] = HazardMemory.DutyCheck(sentAt: at, answerBy: at.addingTimeInterval(answerWithin))
    }

    /// The control room answered (the device reported `duty_check_answered`): the pending check is done,
    /// and a `duty_unanswered` hazard it had opened closes, the answer being its verification.
    mutating func dutyCheckAnswered(_ device: String, now: Date) -> [HazardEngineChange] {
        memory.dutyChecks[device] = nil
        guard hazards.hasOpen(device: device) else { return [] }
        let key = Hazard.episodeKey(device: device, point: nil, kind: .dutyUnanswered)
        guard let closed = hazards.close(key, now: now, by: "device:\(device)", why: "the control room answered a duty check") else { return [] }
        return [.hazardClosed(closed)]
    }

    /// Checks whose deadline passed without an answer open `duty_unanswered`.
    mutating func unansweredDutyChecks(now: Date, makeID: (String) -> String) -> [HazardEngineChange] {
        var changes: [HazardEngineChange] = []
        let utc = TimeZone(secondsFromGMT: 0)!
        for device in memory.dutyChecks.keys.sorted() {
            guard let check = memory.dutyChecks[device], check.answerBy <= now else { continue }
            memory.dutyChecks[device] = nil
            guard let registered = fleet[device]?.device else { continue }
            let why = "no answer to the duty check sent at \(Timestamps.string(check.sentAt, in: utc)) within "
                + "\(Int(check.answerBy.timeIntervalSince(check.sentAt))) s"
            changes += raise(.dutyUnanswered, of: registered, point: nil, now: now, by: "duty-check", why: why, makeID: makeID)
        }
        return changes
    }
}
