import FireWatchCore
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// The GB/T 26875.3 centre server over real TCP on loopback (issue 16): confirm after commit, deny for
/// each damaged class, one journal row per retransmitted frame, clock sync, one connection per address.
extension Integration {
    @Suite struct GB26875ServerTests {
        static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        /// uitd-t1 speaks as source address 0x1001 (the frame builder's default), uitd-t3 as 0x3001.
        static let registry = Fixtures.registry
            .replacingOccurrences(of: "- id: uitd-t1\n", with: "- id: uitd-t1\n  gb_address: \"011000000000\"\n")
            .replacingOccurrences(of: "- id: uitd-t3\n", with: "- id: uitd-t3\n  gb_address: \"013000000000\"\n")

        /// A daemon with the centre server on a port of the system's choosing, and that port.
        static func daemon(
            _ broker: TestBroker, folder: TempFolder? = nil, registry: String = registry, gb26875 extra: String = ""
        ) throws -> (DaemonUnderTest, Int) {
            let daemon = try DaemonUnderTest(
                broker: broker, registry: registry, stations: Fixtures.stations, folder: folder,
                extraConfig: "gb26875:\n  listen: 127.0.0.1:0\n" + extra)
            let port = try Wait.until("the centre server's port\n\(daemon.process.text.suffix(2000))") { () -> Int? in
                let text = daemon.process.text
                guard let line = text.split(separator: "\n").last(where: { $0.contains("centre server listening") }),
                      let range = line.range(of: "port=") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }
            return (daemon, port)
        }

        static func builder(serial: UInt16, source: UInt64 = 0x1001) -> GB26875FrameBuilder {
            GB26875FrameBuilder(serial: serial, source: source, destination: 0x2002, timeZone: shanghai)
        }

        static func journalCount(_ daemon: DaemonUnderTest, device: String) throws -> Int {
            let p = try ChildProcess(Repository.executable("firewatch"), ["journal", "--db", daemon.databasePath, "--device", device, "--count"])
            _ = try p.waitForExit(seconds: 60)
            return Int(p.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        @Test func aFireAlarmIsJournaledBeforeItsConfirmAndPagedToTheNearestStation() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let dispatches = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { dispatches.stop() }

            let device = try GB26875Client(port: port)
            let frame = Self.builder(serial: 7).componentStates(
                [.init(componentType: 40, zone: 3, position: 12, state: GB26875FrameBuilder.StateBit.fireAlarm)], at: Date())
            device.send(frame)
            let confirm = try #require(device.next(command: 3), "no confirm: \(daemon.process.text.suffix(3000))")
            #expect(confirm.0.serial == 7 && confirm.0.source == 0x2002 && confirm.0.destination == 0x1001 && confirm.0.aduLength == 0)
            #expect(confirm.0.timeLabel == Array(frame[6..<12]))
            // The confirm left after the commit: the row is there when it arrives.
            #expect(try Self.journalCount(daemon, device: "uitd-t1") == 1)
            try dispatches.waitFor("firewatch/stations/ms-near/dispatch {", seconds: 30)
            // A clock sync (control, type 90) followed the connection's first frame.
            let sync = device.skipped.first { $0.0.command == 1 } ?? device.next(command: 1)
            #expect(sync.map { Array($0.1[27..<29]) } == [90, 1])
        }

        @Test func eachDamagedFrameIsDeniedAndTheStreamResynchronisesByteByByte() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let now = Date()
            var checksum = Self.builder(serial: 11).heartbeat(at: now)
            checksum[27] &+= 1
            let command = Self.builder(serial: 12).frame(command: 7, adu: [], at: now)
            var oversize = Self.builder(serial: 13).heartbeat(at: now)
            (oversize[24], oversize[25]) = (0xD0, 0x07)  // 2000
            var end = Self.builder(serial: 14).heartbeat(at: now)
            end[29] = 0x24
            let stream = [0x00, 0x23, 0x40, 0x11] + Self.builder(serial: 10).heartbeat(at: now) + checksum + command + oversize + end
                + Self.builder(serial: 15).heartbeat(at: now)
            let device = try GB26875Client(port: port)
            device.sendByteByByte(stream)
            var answers: Set<String> = []
            while answers.count < 6, let f = device.nextFrame(seconds: 20) {
                if f.0.command != 1 { answers.insert("\(f.0.command)/\(f.0.serial)") }
            }
            #expect(answers == ["3/10", "6/11", "6/12", "6/13", "6/14", "3/15"], "\(daemon.process.text.suffix(3000))")
            #expect(try daemon.get("/healthz").0 == 200)
            #expect(try daemon.metric("firewatch_gb26875_denied_total{reason=\"checksum\"}") == 1)
        }

        @Test func aRetransmittedFrameIsConfirmedAgainAndStoredOnceEvenOnANewConnection() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let frame = Self.builder(serial: 5).systemState(state: GB26875FrameBuilder.StateBit.fault, at: Date())
            let first = try GB26875Client(port: port)
            for _ in 0..<2 {
                first.send(frame)
                #expect(first.next(command: 3)?.0.serial == 5)
            }
            let second = try GB26875Client(port: port)
            second.send(frame)
            #expect(second.next(command: 3)?.0.serial == 5)
            #expect(try Self.journalCount(daemon, device: "uitd-t1") == 1)
            #expect(try daemon.metric("firewatch_gb26875_frames_total{result=\"duplicate\"}") == 2)
            // The second connection from the same address replaced the first.
            #expect(first.closedByPeer(seconds: 10))
        }

        @Test func anUnknownAddressIsAnsweredAndCountedButNeverAnAlarm() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let device = try GB26875Client(port: port)
            device.send(Self.builder(serial: 3, source: 0x9999).componentStates(
                [.init(componentType: 40, zone: 1, position: 1, state: GB26875FrameBuilder.StateBit.fireAlarm)], at: Date()))
            #expect(device.next(command: 3)?.0.serial == 3)
            try Wait.until("counted as unknown") { try daemon.metric("firewatch_unknown_devices_total") >= 1 ? true : nil }
            #expect(try Self.journalCount(daemon, device: "unknown-999900000000") == 1)
            #expect(try daemon.alarms().isEmpty)
        }

        @Test func aSkewedClockGetsAClockSyncThatIsRetriedUntilConfirmed() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let device = try GB26875Client(port: port)
            device.send(Self.builder(serial: 1, source: 0x3001).heartbeat(at: Date().addingTimeInterval(-3_600)))
            let sync = try #require(device.next(command: 1), "no clock sync: \(daemon.process.text.suffix(3000))")
            #expect(Array(sync.1[27..<29]) == [90, 1])
            let told = try #require(GB26875TimeLabel.date(Array(sync.1[29..<35]), timeZone: Self.shanghai))
            #expect(abs(told.timeIntervalSinceNow) < 30)
            // Unconfirmed, it comes again with the same serial; confirmed, it is done.
            let again = try #require(device.next(command: 1, seconds: 30))
            #expect(again.0.serial == sync.0.serial)
            device.send(GB26875FrameBuilder.reply(to: again.0, command: 3))
            try Wait.until("the confirm counted") { try daemon.metric("firewatch_gb26875_downlink_total{outcome=\"confirmed\"}") == 1 ? true : nil }
        }

        @Test func aFrameWhoseConfirmWasCutOffByAKillIsStoredOnceWhenRetransmitted() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let (daemon, port) = try Self.daemon(broker)
            let folder = daemon.folder
            defer { folder.remove() }
            let frame = Self.builder(serial: 9).componentStates(
                [.init(componentType: 40, zone: 2, position: 4, state: GB26875FrameBuilder.StateBit.fireAlarm)], at: Date())
            let device = try GB26875Client(port: port)
            device.send(frame)
            // Killed as the frame arrives: before or after its commit, never confirmed.
            _ = daemon.process.stop(signal: SIGKILL)
            let (restarted, newPort) = try Self.daemon(broker, folder: folder)
            defer { restarted.stop() }
            let again = try GB26875Client(port: newPort)
            again.send(frame)
            #expect(again.next(command: 3)?.0.serial == 9, "\(restarted.process.text.suffix(3000))")
            #expect(try Self.journalCount(restarted, device: "uitd-t1") == 1)
        }
    }
}

extension Integration.GB26875ServerTests {
    /// `firewatch simulate --gb26875`: the registry's UITDs connect over TCP, heartbeat, and a scenario's
    /// panel fire alarm goes over the connection and is paged.
    @Test func simulatedTransmissionDevicesConnectAndTheirScenarioAlarmIsPaged() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let (daemon, port) = try Self.daemon(broker)
        defer { daemon.stop(); daemon.folder.remove() }
        let dispatches = try broker.subscribe("firewatch/stations/+/dispatch")
        defer { dispatches.stop() }
        let scenario = try daemon.folder.write("panel.yaml", """
            name: panel fire
            description: uitd-t1 over TCP
            duration_s: 4
            background: false
            steps:
              - {at_s: 1, device: uitd-t1, events: [fire_alarm], point: {zone: 3, position: 12, component_type: 40}}
            """)
        let simulate = try ChildProcess(Repository.executable("firewatch"), [
            "simulate", "--broker", broker.url, "--registry", daemon.folder.file("registry.yaml"),
            "--devices", (Repository.root as NSString).appendingPathComponent("Devices"), "--gb26875", "127.0.0.1:\(port)",
            "--scenario", scenario, "--duty-never", "0",
        ])
        #expect(try simulate.waitForExit(seconds: 120) == 0, "\(simulate.text.suffix(2000))")
        #expect(simulate.text.contains("2 GB/T 26875.3 devices connected"), "\(simulate.text.suffix(2000))")
        #expect(simulate.text.contains("0 never confirmed"), "\(simulate.text.suffix(2000))")
        try dispatches.waitFor("firewatch/stations/ms-near/dispatch {", seconds: 30)
    }

    /// 查岗: a duty check the control room leaves unanswered opens `duty_unanswered`; its answer (the
    /// UITD's operation record, "duty check answered") closes it.
    @Test func anUnansweredDutyCheckOpensItsHazardAndTheAnswerClosesIt() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let (daemon, port) = try Self.daemon(broker, gb26875: "  duty_check: {every_s: 3, answer_within_s: 2}")
        defer { daemon.stop(); daemon.folder.remove() }
        func dutyHazards(_ state: String) throws -> [Hazard] {
            try Timestamps.decoder().decode([Hazard].self, from: Data(daemon.get("/api/v1/hazards?state=\(state)").1.utf8))
                .filter { $0.kind == .dutyUnanswered && $0.device == "uitd-t1" }
        }
        let device = try GB26875Client(port: port)
        device.send(Self.builder(serial: 1).heartbeat(at: Date()))
        let deadline = Date().addingTimeInterval(20)
        var check: (GB26875Header, [UInt8])?
        while check == nil, deadline.timeIntervalSinceNow > 0, let f = device.next(command: 1, seconds: deadline.timeIntervalSinceNow) {
            if f.1.count > 27, f.1[27] == GB26875FrameBuilder.Downlink.dutyCheck { check = f }
        }
        let asked = try #require(check, "no duty check: \(daemon.process.text.suffix(3000))")
        device.send(GB26875FrameBuilder.reply(to: asked.0, command: 3))  // received, not answered
        let opened = try Wait.until("duty_unanswered opened", seconds: 30) { try dutyHazards("open").first }
        #expect(opened.history.first?.by == "duty-check")
        device.send(Self.builder(serial: 2).uitdOperation(flags: 1 << 5, at: Date()))
        // (Checks keep coming every 3 s, so a later one may open a hazard of its own: this one is closed.)
        let closed = try Wait.until("duty_unanswered closed", seconds: 30) {
            try dutyHazards("all").first { $0.id == opened.id && $0.state == .closed }
        }
        #expect(closed.closedBy == "device:uitd-t1")
    }
}

extension Integration.GB26875ServerTests {
    /// Limits: past `max_connections` a connection is closed on arrival; half a frame held past
    /// `frame_timeout_s` closes its connection (slowloris); the daemon keeps serving the others.
    @Test func theConnectionCapAndAStalledHalfFrameCloseConnections() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let (daemon, port) = try Self.daemon(broker, gb26875: "  max_connections: 2\n  frame_timeout_s: 2")
        defer { daemon.stop(); daemon.folder.remove() }
        let first = try GB26875Client(port: port)
        first.send(Self.builder(serial: 1).heartbeat(at: Date()))
        #expect(first.next(command: 3)?.0.serial == 1)
        let second = try GB26875Client(port: port)
        second.send(Array(Self.builder(serial: 1, source: 0x3001).heartbeat(at: Date()).prefix(12)))
        let third = try GB26875Client(port: port)
        #expect(third.closedByPeer(seconds: 10), "a third connection was kept")
        #expect(second.closedByPeer(seconds: 20), "the stalled half frame was kept")
        // The first device is still served.
        first.send(Self.builder(serial: 2).heartbeat(at: Date()))
        #expect(first.next(command: 3)?.0.serial == 2)
    }

    /// A closed connection alone is not "offline"; heartbeats missed for three intervals are.
    @Test func aClosedConnectionIsNotOfflineButMissedHeartbeatsAre() throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let registry = Self.registry.replacingOccurrences(of: "- id: uitd-t3\n", with: "- id: uitd-t3\n  heartbeat_s: 2\n")
        let (daemon, port) = try Self.daemon(broker, registry: registry)
        defer { daemon.stop(); daemon.folder.remove() }
        func offline() throws -> [Hazard] {
            try Timestamps.decoder().decode([Hazard].self, from: Data(daemon.get("/api/v1/hazards?state=open").1.utf8))
                .filter { $0.kind == .offline && $0.device == "uitd-t3" }
        }
        let closedAt: Date
        do {
            let device = try GB26875Client(port: port)
            device.send(Self.builder(serial: 1, source: 0x3001).heartbeat(at: Date()))
            #expect(device.next(command: 3)?.0.serial == 1)
            closedAt = Date()
        }
        #expect(try offline().isEmpty)
        let hazard = try Wait.until("offline after three missed heartbeats", seconds: 60) { try offline().first }
        #expect(hazard.openedAt.timeIntervalSince(closedAt) >= 5, "offline \(hazard.openedAt.timeIntervalSince(closedAt)) s after the close")
    }
}
