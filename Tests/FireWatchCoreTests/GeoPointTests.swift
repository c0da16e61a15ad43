import FireWatchCore
import Foundation
import Testing

@Suite struct GeoPointTests {
    @Test func oneDegreeOfLatitudeIsAbout111Kilometres() {
        let d = GeoPoint(lat: 31, lon: 121).distanceMeters(to: GeoPoint(lat: 32, lon: 121))
        #expect(abs(d - 111_195) < 50)
    }

    @Test func distanceIsSymmetricAndZeroToItself() {
        let a = GeoPoint(lat: 31.2405, lon: 121.4331), b = GeoPoint(lat: 31.2500, lon: 121.3800)
        #expect(a.distanceMeters(to: a) == 0)
        #expect(abs(a.distanceMeters(to: b) - b.distanceMeters(to: a)) < 1e-6)
    }

    @Test(arguments: [(91.0, 0.0), (-91.0, 0.0), (0.0, 181.0), (Double.nan, 0.0)])
    func invalidCoordinatesAreRefused(lat: Double, lon: Double) {
        #expect(!GeoPoint(lat: lat, lon: lon).isValid)
    }
}

@Suite struct TimestampTests {
    @Test func formatsWithTheZoneOffset() {
        let date = Date(timeIntervalSince1970: 1_773_472_166) // 2026-03-14T07:09:26Z
        #expect(Timestamps.string(date, in: TimeZone(identifier: "Asia/Shanghai")!) == "2026-03-14T15:09:26+08:00")
        #expect(Timestamps.string(date, in: TimeZone(secondsFromGMT: 0)!) == "2026-03-14T07:09:26Z")
    }

    @Test func formatsAcrossCenturiesLeapDaysAndBefore1970() throws {
        let utc = TimeZone(secondsFromGMT: 0)!
        for seconds in stride(from: -2_208_988_800.0, through: 4_102_444_800, by: 86_400 * 37 + 3_601.25) {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamps.string(date, in: utc)
            let back = try #require(Timestamps.parse(text), "\(text)")
            #expect(abs(back.timeIntervalSince(date)) < 0.001, "\(text)")
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            #expect(text.prefix(19) == f.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))).prefix(19), "\(text)")
        }
        #expect(Timestamps.string(Date(timeIntervalSince1970: 951_782_400), in: utc) == "2000-02-29T00:00:00Z")
        #expect(Timestamps.string(Date(timeIntervalSince1970: 0), in: TimeZone(secondsFromGMT: -3600 * 5 - 1800)!) == "1969-12-31T18:30:00-05:30")
    }

    @Test func parsesWhatItFormats() throws {
        let date = Date(timeIntervalSince1970: 1_773_472_166.25)
        let text = Timestamps.string(date, in: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(text == "2026-03-14T15:09:26.250+08:00")
        let back = try #require(Timestamps.parse(text))
        #expect(abs(back.timeIntervalSince(date)) < 0.001)
    }

    @Test(arguments: [
        ("2026-03-14T07:09:26Z", 1_773_472_166.0), ("2026-03-14T15:09:26+08:00", 1_773_472_166.0),
        ("2026-03-14T07:09:26.5Z", 1_773_472_166.5), ("2026-03-13T23:09:26.123456-08:00", 1_773_472_166.123456),
        ("1970-01-01T00:00:00Z", 0), ("2000-02-29T12:00:00Z", 951_825_600), ("2024-12-31T23:59:59z", 1_735_689_599),
    ])
    func parsesRFC3339(text: String, seconds: Double) throws {
        let date = try #require(Timestamps.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: ["2026-03-14", "2026-03-14T07:09:26", "2026-13-14T07:09:26Z", "2026-03-14T07:09:26+0800", "x", "", "2026-03-14T07:09:26Zjunk", "2026-03-14T07:09:26.Z"])
    func refusesMalformedTimes(text: String) {
        #expect(Timestamps.parse(text) == nil)
    }

    @Test(arguments: [("10m", 600.0), ("2h", 7200.0), ("30s", 30.0), ("1d", 86400.0), ("90", 90.0)])
    func durations(text: String, seconds: Double) {
        #expect(Durations.seconds(text) == seconds)
    }

    @Test func badDurationsAreRefused() {
        #expect(Durations.seconds("ten minutes") == nil)
        #expect(Durations.seconds("-5m") == nil)
        #expect(Durations.seconds("") == nil)
    }
}

@Suite struct VocabularyTests {
    @Test func deviceIDs() {
        #expect(Device.isValidID("smk-000123"))
        #expect(Device.isValidID("a.b_c-9"))
        #expect(!Device.isValidID(""))
        #expect(!Device.isValidID("has space"))
        #expect(!Device.isValidID("slash/id"))
        #expect(!Device.isValidID(String(repeating: "x", count: 65)))
    }

    @Test func pointKeyIgnoresTheDescription() {
        let a = Point(systemType: 1, systemAddress: 2, componentType: 40, zone: 3, position: 4, description: "3F")
        var b = a
        b.description = "three"
        #expect(a.key == b.key)
        b.position = 5
        #expect(a.key != b.key)
        #expect((nil as Point?).key == "")
    }

    @Test func readingJSONUsesTheVocabularyNames() throws {
        let r = Reading(
            device: "d", model: "m", at: Date(timeIntervalSince1970: 0),
            point: Point(systemType: 1, componentType: 40), metrics: ["temperature_c": 21.5], events: [DeviceEvent(.fireAlarm)])
        let json = String(decoding: try Timestamps.encoder(timeZone: TimeZone(secondsFromGMT: 0)!).encode(r), as: UTF8.self)
        #expect(json.contains("\"system_type\":1"))
        #expect(json.contains("\"component_type\":40"))
        #expect(json.contains("{\"type\":\"fire_alarm\"}"))
        #expect(json.contains("\"at\":\"1970-01-01T00:00:00Z\""))
    }

    @Test func everyEventTypeHasAChineseName() {
        for t in EventType.allCases { #expect(!t.chinese.isEmpty) }
    }
}

@Suite struct ProgressSignalTests {
    @Test func waitersSeeTheNewestPositionAndNeverGoBack() async {
        let signal = ProgressSignal(position: 3)
        var it = signal.updates().makeAsyncIterator()
        #expect(await it.next() == 3)
        signal.advance(to: 5)
        signal.advance(to: 4) // ignored: positions never go back
        signal.advance(to: 9)
        #expect(await it.next() == 9) // only the newest is kept
        signal.finish()
        #expect(await it.next() == nil)
    }
}
