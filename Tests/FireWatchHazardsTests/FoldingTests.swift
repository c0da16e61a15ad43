import FireWatchCore
import FireWatchHazards
import Foundation
import Testing

/// Chattering folds into one alarm; a flood becomes one summary per street.
@Suite struct FoldingTests {
    @Test func anAlarmOccurringAndClearingThreeTimesInAMinuteIsMarkedChatteringAndStaysOne() throws {
        var h = Harness()
        var marks: [Alarm] = []
        var quiet = 0
        for _ in 0..<5 {
            h.send(Fleet.smoke1, .fireAlarm)
            h.advance(5)
            let changes = h.send(Fleet.smoke1, .fireAlarmCleared)
            marks += changes.updated(.chattering)
            quiet += changes.filter { if case .alarmUpdated(_, _, true) = $0 { true } else { false } }.count
            h.advance(5)
        }
        #expect(marks.count == 1)
        #expect(quiet == 2)
        let alarm = try #require(h.alarm(Fleet.smoke1, .fire))
        #expect(alarm.count == 5 && h.engine.alarms.open.count == 1)
        #expect(alarm.history.filter { $0.to == .chattering }.count == 1)
        // Quiet for a window: the mark ends, with a record.
        h.advance(61)
        #expect(h.tick().updated(.chatteringEnded).first?.id == alarm.id)
    }

    @Test func slowCyclesAreNotChattering() {
        var h = Harness()
        for _ in 0..<4 {
            h.send(Fleet.smoke1, .fireAlarm)
            h.advance(20)
            #expect(h.send(Fleet.smoke1, .fireAlarmCleared).updated(.chattering).isEmpty)
            h.advance(20)
        }
    }

    @Test func moreThanTenNewAlarmsInAStreetWithinTenMinutesIsOneFlood() {
        var h = Harness(fleet: [])
        var summaries: [(String, Int)] = []
        var flagged = 0
        for i in 0..<14 {
            let detector = Fleet.profile("smk-f\(i)", kind: "smoke", building: "f\(i)")
            for change in h.send(detector, .fireAlarm) {
                if case .floodStarted(let street, let count) = change { summaries.append((street, count)) }
                if case .alarmRaised(_, true, true) = change { flagged += 1 }
            }
            h.advance(30)
        }
        #expect(summaries.count == 1 && summaries.first?.0 == "changshoulu" && summaries.first?.1 == 11)
        #expect(flagged == 4)
        // Another street is not in flood.
        let elsewhere = Fleet.profile("smk-x", kind: "smoke", street: "caoyang")
        #expect(h.send(elsewhere, .fireAlarm).contains(.alarmRaised(h.alarm(elsewhere, .fire)!, dispatch: true, flood: false)))
    }

    @Test func aFloodEndsWhenTheRateFallsBelowHalf() {
        var h = Harness(policy: HazardPolicy(floodCount: 4, floodWindowSeconds: 100), fleet: [])
        for i in 0..<5 {
            h.send(Fleet.profile("smk-f\(i)", kind: "smoke", building: "f\(i)"), .fireAlarm)
            h.advance(10)
        }
        #expect(h.tick().isEmpty)
        h.advance(75)  // the first three have left the window: 2 remain, not below half of 4
        #expect(h.tick().isEmpty)
        h.advance(10)  // 1 remains
        #expect(h.tick() == [.floodEnded(street: "changshoulu", alarms: 5)])
    }
}
