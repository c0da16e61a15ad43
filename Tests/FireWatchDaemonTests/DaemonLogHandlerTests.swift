@testable import FireWatchDaemon
import Foundation
import Logging
import Testing

@Suite struct DaemonLogHandlerTests {
    let at = Date(timeIntervalSince1970: 1_773_472_166)

    @Test func underJournaldLinesCarryAPriorityAndNoTimestamp() {
        let line = DaemonLogHandler.format(
            level: .notice, message: "alarm raised", metadata: ["device": "uitd-1", "alarm_id": "alm-1"], journald: true, at: at)
        #expect(line == "<5>alarm raised alarm_id=alm-1 device=uitd-1\n")
        #expect(DaemonLogHandler.format(level: .error, message: "x", metadata: [:], journald: true, at: at) == "<3>x\n")
        #expect(DaemonLogHandler.format(level: .debug, message: "x", metadata: [:], journald: true, at: at) == "<7>x\n")
    }

    @Test func onATerminalLinesStartWithTimeAndLevel() {
        let line = DaemonLogHandler.format(level: .warning, message: "decode failed", metadata: ["error": "offset 3: bad"], journald: false, at: at)
        #expect(line == "2026-03-14T07:09:26Z warning decode failed error=\"offset 3: bad\"\n")
    }

    @Test func journaldIsDetectedFromTheEnvironment() {
        #expect(DaemonLogHandler(label: "t", level: .info, environment: ["JOURNAL_STREAM": "8:1234"]).journald)
        #expect(!DaemonLogHandler(label: "t", level: .info, environment: [:]).journald)
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        #expect(NotifyService.watchdogInterval(["WATCHDOG_USEC": "2000000"]) == .seconds(1))
        #expect(NotifyService.watchdogInterval(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(getpid())"]) == .seconds(1))
        #expect(NotifyService.watchdogInterval(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "1"]) == nil)
        #expect(NotifyService.watchdogInterval([:]) == nil)
    }
}
