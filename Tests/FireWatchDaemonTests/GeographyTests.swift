import FireWatchCore
import FireWatchDaemon
import FireWatchDecoders
import FireWatchTestKit
import Foundation
import Testing

/// The district's places (`geography.*`): the seeds load clean, and what a registry or a station names
/// that the geography lacks is reported with file:line while the entry still loads.
@Suite struct GeographyTests {
    static func seed(_ name: String) -> String { (Repository.root as NSString).appendingPathComponent("seeds/putuo/\(name)") }

    @Test func theSeedGeographyUnitsFleetAndStationsAgree() throws {
        let loaded = GeographyFile.load(streets: Self.seed("streets.yaml"),
                                        units: Self.seed("units.yaml"))
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let g = loaded.geography
        #expect(g.streets.count == 10 && g.communities.count == 40 && g.units.count > 150)
        #expect(g.streetName("changshoulu") == "长寿路街道" && g.streetName("changshoulu", english: true) == "Changshou Road Subdistrict")
        #expect(g.communities["changshoulu-c01"]?.street == "changshoulu" && g.street("taopu")?.centre != nil)
        let registry = try DeviceRegistry.load(path: Self.seed("devices.yaml"), catalog: nil, geography: g)
        #expect(registry.problems.isEmpty, "\(registry.problems.prefix(3))")
        #expect(registry.devices.values.allSatisfy { $0.unit.flatMap { g.units[$0] } != nil })
        #expect(g.units.values.contains { $0.category == .keyUnit } && g.units.values.allSatisfy { !$0.responsible.isEmpty })
    }

    @Test func placesTheGeographyLacksAreReportedAndStillLoad() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let streets = try folder.write("streets.yaml", """
            - id: changshoulu
              name: "长寿路街道"
              centre: {lat: 31.24, lon: 121.438}
              communities:
                - {id: changshoulu-c01, name: "曹家渡居委会"}
            - id: changshoulu
              name: "again"
            - id: ganquanlu
              kind: village
              name: "甘泉路街道"
            """)
        let units = try folder.write("units.yaml", """
            - {id: u-1, name: "一号楼", category: residential, street: changshoulu, community: changshoulu-c01}
            - {id: u-2, name: "二号楼", category: castle, street: changshoulu}
            - {id: u-3, name: "三号楼", category: building, street: nowhere}
            """)
        let loaded = GeographyFile.load(streets: streets, units: units)
        let problems = loaded.problems.map(\.description)
        #expect(problems.contains { $0.hasPrefix("\(streets):6:") && $0.contains("duplicate street or community id \"changshoulu\"") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(streets):9:") && $0.contains("kind must be street") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(units):2:") && $0.contains("category must be key_unit, residential, building") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("\(units):3:") && $0.contains("street \"nowhere\" is not in the geography") }, "\(problems)")
        #expect(loaded.geography.streets.map(\.id) == ["changshoulu"] && loaded.geography.units.keys.sorted() == ["u-1", "u-3"])

        let registry = try folder.write("devices.yaml", """
            - {id: d-1, model: gb26875/uitd, location: {lat: 31.24, lon: 121.43}, street: changshoulu, community: changshoulu-c01, unit: u-1}
            - {id: d-2, model: gb26875/uitd, location: {lat: 31.24, lon: 121.43}, street: xinjiekou, community: c9}
            - {id: d-3, model: gb26875/uitd, location: {lat: 31.24, lon: 121.43}, street: changshoulu, community: c9, unit: u-9}
            """)
        let r = try DeviceRegistry.load(path: registry, catalog: nil, geography: loaded.geography)
        let said = r.problems.map(\.description)
        #expect(r.count == 3, "every entry still loads")
        #expect(said.contains { $0.hasPrefix("\(registry):2:") && $0.contains("street \"xinjiekou\" is not in the geography") }, "\(said)")
        #expect(said.contains { $0.hasPrefix("\(registry):3:") && $0.contains("community \"c9\" is not in the geography") }, "\(said)")
        #expect(said.contains { $0.hasPrefix("\(registry):3:") && $0.contains("unit \"u-9\" is not in the unit register") }, "\(said)")
        #expect(!said.contains { $0.hasPrefix("\(registry):1:") })
        let csv = try folder.write("devices.csv", "id,model,lat,lon,street,community,unit\nc-1,gb26875/uitd,31.24,121.43,changshoulu,changshoulu-c99,u-1\n")
        let fromCSV = try DeviceRegistry.load(path: csv, catalog: nil, geography: loaded.geography)
        #expect(fromCSV.problems.map(\.description) == ["\(csv):2: device \"c-1\": community \"changshoulu-c99\" is not in the geography; it loads, shown by its id"])
        #expect(fromCSV["c-1"]?.unit == "u-1")
    }
}
