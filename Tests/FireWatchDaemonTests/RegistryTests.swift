import FireWatchCore
import FireWatchDaemon
import FireWatchPipeline
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

@Suite struct RegistryTests {
    let catalog = DefinitionCatalog.load(folders: [(Repository.root as NSString).appendingPathComponent("Devices")])

    @Test func theSeedFleetAndStationsLoadWithoutProblems() throws {
        let registry = try DeviceRegistry.load(path: (Repository.root as NSString).appendingPathComponent("seeds/putuo/devices.yaml"), catalog: catalog)
        #expect(registry.problems.isEmpty, "\(registry.problems)")
        #expect(registry.count >= 500)
        let streets = Set(registry.devices.values.map(\.street))
        #expect(streets.count == 10)
        let stations = try StationDirectory.load(path: (Repository.root as NSString).appendingPathComponent("seeds/putuo/stations.yaml"))
        #expect(stations.problems.isEmpty, "\(stations.problems)")
        #expect(stations.stations.count >= 20)
        #expect(Set(stations.stations.map(\.kind)) == [.community, .keyUnit])
    }

    @Test func badEntriesAreReportedWithTheirLineAndTheRestLoads() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = try folder.write("devices.yaml", """
            - id: good-1
              model: gb26875/uitd
              location: {lat: 31.24, lon: 121.43}
              street: changshoulu
            - id: "bad id"
              model: gb26875/uitd
              location: {lat: 31.24, lon: 121.43}
              street: changshoulu
            - id: nomodel-1
              model: acme/unknown
              location: {lat: 31.24, lon: 121.43}
              street: changshoulu
            - id: good-1
              model: gb26875/uitd
              location: {lat: 31.24, lon: 121.43}
              street: changshoulu
            - id: far-1
              model: gb26875/uitd
              location: {lat: 131.24, lon: 121.43}
              street: changshoulu
            - id: typo-1
              model: gb26875/uitd
              locaton: {lat: 31.24, lon: 121.43}
              street: changshoulu
            """)
        let registry = try DeviceRegistry.load(path: path, catalog: catalog)
        #expect(registry.devices.keys.sorted() == ["good-1", "nomodel-1"])
        let messages = registry.problems.map(\.description)
        #expect(messages.count == 5)
        #expect(messages.contains { $0.hasPrefix("\(path):5:") && $0.contains("must match") })
        #expect(messages.contains { $0.hasPrefix("\(path):9:") && $0.contains("has no definition") })
        #expect(messages.contains { $0.hasPrefix("\(path):13:") && $0.contains("duplicate device id") })
        #expect(messages.contains { $0.hasPrefix("\(path):19:") && $0.contains("lat must be within") })
        #expect(messages.contains { $0.hasPrefix("\(path):23:") && $0.contains("unknown key \"locaton\"") })
    }

    @Test func csvRegistriesCarryTheSameColumns() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = try folder.write("devices.csv", """
            id,model,lat,lon,address,street,community,building,heartbeat_s
            smk-1,gb26875/uitd,31.24,121.43,"长寿路 1 号, 3 楼",changshoulu,c01,b1,3600
            smk-2,gb26875/uitd,31.25,121.44,,changshoulu,c01,,
            smk-3,gb26875/uitd,north,121.44,,changshoulu,c01,,
            """)
        let registry = try DeviceRegistry.load(path: path, catalog: catalog)
        #expect(registry["smk-1"]?.address == "长寿路 1 号, 3 楼")
        #expect(registry["smk-1"]?.heartbeatSeconds == 3600)
        #expect(registry["smk-2"]?.building == nil)
        #expect(registry.problems.map(\.description) == ["\(path):4: device \"smk-3\": lat/lon must be numbers on the globe"])
    }

    @Test func stationsWithBadStatusAreReported() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = try folder.write("stations.yaml", """
            - id: ms-1
              name: 一站
              street: changshoulu
              kind: community
              location: {lat: 31.24, lon: 121.43}
              status: sleeping
            - id: ms-2
              street: changshoulu
              kind: key_unit
              location: {lat: 31.24, lon: 121.43}
            """)
        let dir = try StationDirectory.load(path: path)
        #expect(dir.stations.map(\.id) == ["ms-2"])
        #expect(dir.stations.first?.status == .available)
        #expect(dir.problems.first?.description.hasPrefix("\(path):6:") == true)
    }

    @Test func topicsRouteToTheDeviceLevel() {
        let router = TopicRouter([
            .init(filter: "devices/+/up", deviceLevel: 2, envelope: "raw"),
            .init(filter: "$share/fw/application/+/device/+/event/up", deviceLevel: 4, envelope: "chirpstack"),
        ])
        #expect(router.route("devices/uitd-1/up")?.device == "uitd-1")
        #expect(router.route("application/7/device/a84041000181c7f1/event/up")?.device == "a84041000181c7f1")
        #expect(router.route("application/7/device/a84041000181c7f1/event/up")?.envelope == "chirpstack")
        #expect(router.route("devices/uitd-1/down") == nil)
        #expect(router.route("devices/uitd-1/up/extra") == nil)
    }
}
