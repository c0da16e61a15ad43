import FireWatchDaemon
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

@Suite struct ConfigurationTests {
    let repoConfig = (Repository.root as NSString).appendingPathComponent("Config/firewatch.yaml")

    @Test func theShippedConfigLoadsWithEveryInterfaceKey() throws {
        let c = try Configuration.load(path: repoConfig)
        #expect(c.instance == "putuo-1")
        #expect(c.timeZone.identifier == "Asia/Shanghai")
        #expect(c.mqtt.url == "mqtt://127.0.0.1:1883" && c.mqtt.host == "127.0.0.1" && c.mqtt.port == 1883 && !c.mqtt.tls)
        #expect(c.mqtt.clientID == "firewatchd-putuo-1")
        #expect(c.mqtt.subscriptions.map(\.filter) == ["devices/+/up", "application/+/device/+/event/up"])
        #expect(c.mqtt.subscriptions.map(\.deviceLevel) == [2, 4])
        #expect(c.mqtt.subscriptions.map(\.envelope) == ["raw", "chirpstack"])
        #expect(c.mqtt.topicPrefix == "firewatch")
        #expect(c.dispatch.ackTimeoutSeconds == 60 && c.dispatch.etaTargetSeconds == 180)
        #expect(c.dispatch.speedKmh == 15 && c.dispatch.roadFactor == 1.3)
        #expect(c.hazards.offlineAfterHeartbeats == 3 && c.hazards.coincidenceWindowSeconds == 120)
        #expect(c.hazards.chatteringCount == 3 && c.hazards.chatteringWindowSeconds == 60)
        #expect(c.hazards.floodCount == 10 && c.hazards.floodWindowSeconds == 600)
        #expect(c.hazards.residualCurrentMilliamps == 500 && c.hazards.cableTemperatureCelsius == 85)
        #expect(c.httpListen == "127.0.0.1:8080")
        // Relative paths resolve against the repository root because the file lies in Config/.
        #expect(c.registryPath == (Repository.root as NSString).appendingPathComponent("seeds/putuo/devices.yaml"))
        #expect(c.definitionFolders == [(Repository.root as NSString).appendingPathComponent("Devices")])
        #expect(c.tokensFile == "/etc/firewatch/tokens.yaml")
    }

    @Test func everyKeyOfTheShippedConfigHasAComment() throws {
        let lines = try String(contentsOfFile: repoConfig, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, !t.hasPrefix("#"), !t.hasPrefix("- "), t.contains(":") else { continue }
            let previous = lines[..<i].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.trimmingCharacters(in: .whitespaces) ?? ""
            let isSection = t.hasSuffix(":")
            #expect(isSection || previous.hasPrefix("#") || t.contains("#"), "Config/firewatch.yaml:\(i + 1): \"\(t)\" has no comment")
        }
    }

    @Test func anUnknownKeyIsRefusedWithFileAndLine() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        var text = try String(contentsOfFile: repoConfig, encoding: .utf8)
        text = text.replacingOccurrences(of: "  listen: 127.0.0.1:8080", with: "  listen: 127.0.0.1:8080\n  lisen: 0.0.0.0:80")
        let path = try folder.write("firewatch.yaml", text)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("lisen") }! + 1
        #expect {
            try Configuration.load(path: path)
        } throws: { error in
            let e = error as! SourceError
            return e.file == path && e.line == line && e.message.contains("unknown key \"lisen\"") && e.message.contains("http")
        }
    }

    @Test(arguments: [
        ("  url: mqtt://127.0.0.1:1883", "  url: http://x", "url must look like"),
        ("  road_factor: 1.3", "  road_factor: 0.5", "road_factor"),
        ("    - {filter: \"devices/+/up\", device_level: 2, envelope: raw}", "    - {filter: \"devices/+/up\", device_level: 1, envelope: raw}", "device_level 1"),
        ("timezone: Asia/Shanghai", "timezone: Mars/Olympus", "unknown timezone"),
    ])
    func badValuesAreRefusedWithTheKey(original: String, replacement: String, phrase: String) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let text = try String(contentsOfFile: repoConfig, encoding: .utf8).replacingOccurrences(of: original, with: replacement)
        let path = try folder.write("firewatch.yaml", text)
        #expect { try Configuration.load(path: path) } throws: { error in
            let e = error as! SourceError
            return e.line != nil && e.description.contains(phrase)
        }
    }

    @Test func relativePathsOutsideConfigResolveAgainstTheFilesFolder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let text = try String(contentsOfFile: repoConfig, encoding: .utf8)
        let path = try folder.write("etc/fw.yaml", text)
        let c = try Configuration.load(path: path)
        #expect(c.stationsPath == folder.file("etc/seeds/putuo/stations.yaml"))
    }

    @Test func configSearchOrder() {
        #expect(Configuration.locate(explicit: "/x.yaml", environment: ["FIREWATCH_CONFIG": "/y.yaml"]) == "/x.yaml")
        #expect(Configuration.locate(explicit: nil, environment: ["FIREWATCH_CONFIG": "/y.yaml"]) == "/y.yaml")
    }

    @Test func brokerURLs() {
        #expect(BrokerURL("mqtts://broker.example:8883") == BrokerURL("mqtts://broker.example"))
        #expect(BrokerURL("mqtt://h")?.port == 1883)
        #expect(BrokerURL("mqtts://h")?.tls == true)
        #expect(BrokerURL("tcp://h:1") == nil)
        #expect(HostPort("[::1]:8080")?.host == "::1")
    }
}
