import FireWatchCore
import FireWatchDecoders
import Foundation

/// Loads `geography.file` (streets and towns with their communities, `seeds/putuo/streets.yaml`) and
/// `geography.units` (the baseline register of units, 底数清册). A refused entry is reported with
/// file:line and the rest load; a file that does not parse is reported and loads nothing.
public struct GeographyFile: Sendable {
    public var geography = Geography()
    public var problems: [SourceError] = []

    public init(geography: Geography = Geography()) {
        self.geography = geography
    }

    public static func load(streets: String?, units: String?) -> GeographyFile {
        var loaded = GeographyFile()
        if let streets { loaded.loadStreets(streets) }
        if let units { loaded.loadUnits(units) }
        return loaded
    }

    mutating func loadStreets(_ path: String) {
        var seen: Set<String> = []
        for item in entries(path) { do throws(SourceError) {
            let m = try item.mapping(allowed: ["id", "name", "name_en", "kind", "centre", "communities", "contacts"])
            let id = try Self.id(m)
            guard seen.insert(id).inserted else { throw m.error(at: "id", "duplicate street or community id \"\(id)\"") }
            let kind = try m.optionalString("kind") ?? "street"
            guard kind == "street" || kind == "town" else { throw m.error(at: "kind", "kind must be street (街道) or town (镇), not \"\(kind)\"") }
            var communities: [Geography.Place] = []
            for c in try m["communities"]?.list() ?? [] {
                do throws(SourceError) {
                    let cm = try c.mapping(allowed: ["id", "name", "name_en", "centre", "contacts"])
                    let cid = try Self.id(cm)
                    guard seen.insert(cid).inserted else { throw cm.error(at: "id", "duplicate street or community id \"\(cid)\"") }
                    communities.append(Geography.Place(
                        id: cid, name: try cm.string("name"), nameEN: try cm.optionalString("name_en"),
                        centre: try cm["centre"].map { _ throws(SourceError) in try cm.geoPoint("centre") }, street: id,
                        contacts: try ContactList.load(cm, "contacts")))
                } catch {
                    problems.append(error)
                }
            }
            geography.add(street: Geography.Place(
                id: id, name: try m.string("name"), nameEN: try m.optionalString("name_en"), kind: kind,
                centre: try m["centre"].map { _ throws(SourceError) in try m.geoPoint("centre") }, communities: communities,
                contacts: try ContactList.load(m, "contacts")))
        } catch { problems.append(error) } }
    }

    mutating func loadUnits(_ path: String) {
        let known = geography
        for item in entries(path) { do throws(SourceError) {
            let m = try item.mapping(allowed: ["id", "name", "category", "address", "street", "community", "location", "responsible"])
            let id = try Self.id(m)
            guard geography.units[id] == nil else { throw m.error(at: "id", "duplicate unit id \"\(id)\"") }
            let text = try m.string("category")
            guard let category = BaselineUnit.Category(rawValue: text) else {
                throw m.error(at: "category", "category must be \(BaselineUnit.Category.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
            }
            let street = try m.string("street"), community = try m.optionalString("community") ?? ""
            if !known.streets.isEmpty, known.street(street) == nil {
                problems.append(m.error(at: "street", "unit \"\(id)\": street \"\(street)\" is not in the geography; it loads, shown by its id"))
            }
            if !known.streets.isEmpty, !community.isEmpty, known.communities[community] == nil {
                problems.append(m.error(at: "community", "unit \"\(id)\": community \"\(community)\" is not in the geography; it loads, shown by its id"))
            }
            let people = try ContactList.load(m, "responsible")
            geography.add(unit: BaselineUnit(
                id: id, name: try m.string("name"), category: category, address: try m.optionalString("address") ?? "",
                street: street, community: community,
                location: try m["location"].map { _ throws(SourceError) in try m.geoPoint("location") }, responsible: people))
        } catch { problems.append(error) } }
    }

    /// The entries of the YAML list at `path`; a file that does not parse is a problem and no entries.
    mutating func entries(_ path: String) -> [YAMLValue] {
        do throws(SourceError) {
            return try YAMLValue.load(path: path)?.list() ?? []
        } catch {
            problems.append(error)
            return []
        }
    }

    static func id(_ m: YAMLMapping) throws(SourceError) -> String {
        let id = try m.string("id")
        guard Device.isValidID(id) else { throw m.error(at: "id", "id \"\(id)\" must match [A-Za-z0-9_.-]{1,64}") }
        return id
    }
}
