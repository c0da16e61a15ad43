import FireWatchCore
import FireWatchDecoders
import Foundation

/// The micro stations (`stations.file`) with their start status; refused entries are reported.
public struct StationDirectory: Sendable {
    public var stations: [Station] = []
    public var problems: [SourceError] = []
    /// The line of each station's entry, for later checks.
    var lines: [String: Int] = [:]

    public init(stations: [Station] = []) {
        self.stations = stations
    }

    /// Stations naming a street the geography lacks are reported (they still load).
    mutating func check(against geography: Geography, file: String) {
        guard !geography.streets.isEmpty else { return }
        for s in stations where geography.street(s.street) == nil {
            problems.append(SourceError(file: file, line: lines[s.id], "station \"\(s.id)\": street \"\(s.street)\" is not in the geography"))
        }
    }

    public static func load(path: String) throws(SourceError) -> StationDirectory {
        var dir = StationDirectory()
        guard let doc = try YAMLValue.load(path: path) else { return dir }
        var seen: Set<String> = []
        for item in try doc.list() {
            do throws(SourceError) {
                let m = try item.mapping(allowed: ["id", "name", "street", "kind", "location", "status"])
                let id = try m.string("id")
                guard Device.isValidID(id) else { throw m.error(at: "id", "station id \"\(id)\" must match [A-Za-z0-9_.-]{1,64}") }
                guard seen.insert(id).inserted else { throw m.error(at: "id", "duplicate station id \"\(id)\"") }
                let kindText = try m.optionalString("kind") ?? "community"
                guard let kind = Station.Kind(rawValue: kindText) else { throw m.error(at: "kind", "kind must be community or key_unit") }
                let statusText = try m.optionalString("status") ?? "available"
                guard let status = Station.Status(rawValue: statusText) else {
                    throw m.error(at: "status", "status must be available, busy or out_of_service")
                }
                dir.lines[id] = item.line
                dir.stations.append(Station(
                    id: id, name: try m.optionalString("name") ?? id, street: try m.string("street"), kind: kind,
                    location: try m.geoPoint("location"), status: status))
            } catch {
                dir.problems.append(error)
            }
        }
        return dir
    }
}
