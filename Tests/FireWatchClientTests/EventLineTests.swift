import FireWatchClient
import FireWatchCore
import Foundation
import Testing

/// `tail`'s readable and JSON lines.
@Suite struct EventLineTests {
    @Test func chineseLinesNameKindStateAndTypeInBothLanguages() {
        let line = EventLine(json: false, language: .zh, colour: false).format(Samples.fireRaised)
        #expect(line.hasPrefix("2026-03-14 15:09:26  #1  报警(alarm.raised)  changshoulu changshoulu-c01  火警(fire)  新警情(raised)  uitd-t1  长寿路 100 号"))
    }

    @Test func englishLinesUseTheVocabularyWords() {
        let line = EventLine(json: false, language: .en, colour: false).format(Samples.fireRaised)
        #expect(line == "2026-03-14 15:09:26  #1  alarm.raised  changshoulu changshoulu-c01  fire  raised  uitd-t1  长寿路 100 号")
    }

    @Test func hazardsAreReadFromTheirJSON() {
        let line = EventLine(json: false, language: .zh, colour: false).format(Samples.hazardOpened)
        #expect(line.contains("隐患发现(hazard.opened)  changshoulu  离线(offline)  待整改(open)  smk-1  长寿路 1 号"))
    }

    @Test func stationsShowTheirStatus() {
        let line = EventLine(json: false, language: .zh, colour: false).format(Samples.stationStatus)
        #expect(line.hasSuffix("站点状态(station.status)  一站  出警中(busy)"))
        #expect(EventLine(json: false, language: .en, colour: false).format(Samples.stationStatus).hasSuffix("station.status  ms-1  busy"))
    }

    static let names = PlaceNames(
        geography: Geography(streets: [Geography.Place(
            id: "changshoulu", name: "长寿路街道", nameEN: "Changshou Road Subdistrict", kind: "street",
            communities: [Geography.Place(id: "changshoulu-c01", name: "曹家渡居委会", nameEN: "Caojiadu")])]),
        stations: ["ms-2": "长寿新村社区微型消防站"])

    @Test func namesReplaceIdsInEitherLanguage() {
        let zh = EventLine(json: false, language: .zh, colour: false, names: Self.names).format(Samples.fireRaised)
        #expect(zh.contains("  长寿路街道 曹家渡居委会  火警(fire)"), "\(zh)")
        let en = EventLine(json: false, language: .en, colour: false, names: Self.names).format(Samples.fireRaised)
        #expect(en.contains("  Changshou Road Subdistrict Caojiadu  fire"), "\(en)")
    }

    @Test func chineseLinesCarryChineseNotes() {
        let overdue = Samples.event(9, Samples.encoded(FeedEvent(
            at: Samples.at, type: .hazardOverdue, note: "overdue since 2026-03-15T15:09:26+08:00", noteZH: "督办：长寿路街道 逾期未整改")))
        #expect(EventLine(json: false, language: .zh, colour: false).format(overdue).hasSuffix("(督办：长寿路街道 逾期未整改)"))
        #expect(EventLine(json: false, language: .en, colour: false).format(overdue).hasSuffix("(overdue since 2026-03-15T15:09:26+08:00)"))
        let escalated = Samples.event(10, Samples.encoded(FeedEvent(at: Samples.at, type: .alarmEscalated, note: "best ETA 322 s exceeds the 180 s target")))
        #expect(EventLine(json: false, language: .zh, colour: false).format(escalated).hasSuffix("(最快预计 322 秒到场，超过 180 秒目标，上报支队)"))
        let confirmed = Samples.event(11, Samples.encoded(FeedEvent(at: Samples.at, type: .alarmUpdated, note: "confirmed by coincidence")))
        #expect(EventLine(json: false, language: .zh, colour: false).format(confirmed).hasSuffix("(核实方：coincidence)"))
    }

    @Test(arguments: [(AlarmSeverity.critical, "\u{1B}[1;31m"), (.major, "\u{1B}[33m"), (.minor, "\u{1B}[36m")])
    func colourFollowsSeverity(severity: AlarmSeverity, code: String) {
        let event = Samples.event(7, Samples.encoded(FeedEvent(at: Samples.at, type: .alarmRaised, alarm: Samples.alarm(severity: severity))))
        let line = EventLine(json: false, language: .en, colour: true).format(event)
        #expect(line.hasPrefix(code) && line.hasSuffix("\u{1B}[0m"))
        #expect(!EventLine(json: false, language: .en, colour: false).format(event).contains("\u{1B}"))
    }

    @Test func jsonKeepsTheStoredObjectAndAddsTheSeq() throws {
        let line = EventLine(json: true, language: .zh, colour: true).format(Samples.hazardOpened)
        let object = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
        #expect(object["seq"] == .number(4))
        #expect(object["type"] == .string("hazard.opened"))
        guard case .object(let hazard)? = object["hazard"] else { Issue.record("no hazard"); return }
        #expect(hazard["kind"] == .string("offline"))
        #expect(!line.contains("\u{1B}"))
    }

    @Test func aFrameThatIsNoEventIsSkipped() {
        #expect(StreamEvent(frame: SSEFrame(id: "1", event: nil, data: "not json")) == nil)
        #expect(StreamEvent(frame: SSEFrame(id: "1", event: nil, data: "{\"type\":\"unknown.type\",\"at\":\"2026-03-14T15:09:26+08:00\"}")) == nil)
    }
}

/// Language, backoff, server address and table widths.
@Suite struct ClientBasicsTests {
    @Test(arguments: [
        (nil, ["LANG": "zh_CN.UTF-8"], Language.zh),
        (nil, ["LANG": "en_US.UTF-8"], .en),
        (nil, [:], .en),
        ("en", ["LANG": "zh_CN.UTF-8"], .en),
        ("zh", [:], .zh),
        (nil, ["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (nil, ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], .en),
    ] as [(String?, [String: String], Language)])
    func languageFromFlagThenEnvironment(flag: String?, env: [String: String], expected: Language) {
        #expect(Language.resolve(flag: flag, environment: env) == expected)
    }

    @Test func serverComesFromFlagsThenEnvironmentThenDefault() {
        let env = ["FIREWATCH_SERVER": "http://10.0.0.1:9000/", "FIREWATCH_TOKEN": "t-env"]
        #expect(ServerAddress.resolve(server: nil, token: nil, environment: env) == ServerAddress(base: "http://10.0.0.1:9000", token: "t-env"))
        #expect(ServerAddress.resolve(server: "http://h:1", token: "t", environment: env) == ServerAddress(base: "http://h:1", token: "t"))
        #expect(ServerAddress.resolve(server: nil, token: nil, environment: [:]).base == "http://127.0.0.1:8080")
        #expect(!ServerAddress(base: "127.0.0.1:8080", token: nil).isValid)
        #expect(ServerAddress.segment("a b/c") == "a%20b%2Fc")
    }

    @Test func errorsMapToTheExitCodesOfTheInterface() {
        #expect(APIClientError.unavailable("refused").exitCode == 69)
        #expect(APIClientError.refused(status: 409, message: "resolved").exitCode == 1)
        #expect(APIClientError.badServer("x").exitCode == 64)
        #expect(ServerAddress.errorMessage(Data("{\"error\": \"no alarm \\\"x\\\"\"}".utf8)) == "no alarm \"x\"")
    }

    @Test func tablesCountChineseAsTwoCells() {
        #expect(TextTable.width("火警") == 4)
        #expect(TextTable.width("fire") == 4)
        let t = TextTable(headers: ["KIND", "ID"], rows: [["火警", "a"], ["fire", "b"]]).render()
        #expect(t == "KIND  ID\n火警  a\nfire  b")
    }

    @Test func ageReadsLikeADutyOfficerSaysIt() {
        #expect(AlarmText.age(75) == "1m15s")
        #expect(AlarmText.age(3725) == "1h02m")
        #expect(AlarmText.age(90_000) == "1d01h")
    }
}
