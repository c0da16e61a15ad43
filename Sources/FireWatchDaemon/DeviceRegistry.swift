import FireWatchCore
import FireWatchDecoders
import Foundation

/// The registered devices (`devices.registry`), and what was wrong with entries that were refused.
/// One bad entry never stops the daemon: it is reported, and that device's messages are journaled
/// but not decoded.
public struct DeviceRegistry: Sendable {
    public var devices: [String: Device] = [:]
    public var problems: [SourceError] = []
    /// GB/T 26875.3 source address (`gb_address`) → device id.
    public var byGBAddress: [UInt64: String] = [:]

    public init(devices: [Device] = []) {
        for d in devices {
            self.devices[d.id] = d
            if let a = d.gbAddress.flatMap(GB26875Header.address) { byGBAddress[a] = d.id }
        }
    }

    public subscript(id: String) -> Device? { devices[id] }
    public var count: Int { devices.count }

    /// Loads a YAML list, or a CSV file with the same columns (`.csv`), checking models against `catalog`.
    /// Entries naming a street, community or unit that `geography` lacks are reported with file:line
    /// and still load (an empty geography checks nothing).
    public static func load(path: String, catalog: DefinitionCatalog?, geography: Geography = Geography()) throws(SourceError) -> DeviceRegistry {
        var registry = DeviceRegistry()
        func add(_ result: Result<Device, SourceError>, _ line: Int?) {
            switch result {
            case .failure(let e): registry.problems.append(e)
            case .success(let d):
                if registry.devices[d.id] != nil {
                    registry.problems.append(SourceError(file: path, line: line, "duplicate device id \"\(d.id)\""))
                    return
                }
                if let catalog, catalog[d.model] == nil {
                    registry.problems.append(SourceError(
                        file: path, line: line, "device \"\(d.id)\": model \"\(d.model)\" has no definition; its messages are journaled but not decoded"))
                }
                if let text = d.gbAddress, let address = GB26875Header.address(text) {
                    if let other = registry.byGBAddress[address] {
                        registry.problems.append(SourceError(
                            file: path, line: line, "device \"\(d.id)\": gb_address \(text) is already device \"\(other)\"'s; frames from it go to \"\(other)\""))
                    } else {
                        registry.byGBAddress[address] = d.id
                    }
                }
                for problem in places(of: d, in: geography) {
                    registry.problems.append(SourceError(file: path, line: line, "device \"\(d.id)\": \(problem); it loads, shown by its id"))
                }
                registry.devices[d.id] = d
            }
        }
        if path.hasSuffix(".csv") {
            try RegistryCSV.load(path: path, entry: add)
        } else {
            guard let doc = try YAMLValue.load(path: path) else { return registry }
            for item in try doc.list() {
                do throws(SourceError) { add(.success(try device(item)), item.line) } catch { add(.failure(error), item.line) }
            }
        }
        return registry
    }

    static let keys: Set<String> = ["id", "model", "location", "address", "street", "community", "building", "heartbeat_s", "gb_address", "unit", "contacts"]

    /// What `geography` does not know of the street, community and unit `device` names.
    static func places(of d: Device, in geography: Geography) -> [String] {
        var problems: [String] = []
        if !geography.streets.isEmpty {
            if geography.street(d.street) == nil { problems.append("street \"\(d.street)\" is not in the geography") }
            if !d.community.isEmpty {
                if let c = geography.communities[d.community] {
                    if c.street != d.street { problems.append("community \"\(d.community)\" belongs to street \"\(c.street ?? "")\", not \"\(d.street)\"") }
                } else {
                    problems.append("community \"\(d.community)\" is not in the geography")
                }
            }
        }
        if let unit = d.unit, !geography.units.isEmpty, geography.units[unit] == nil {
            problems.append("unit \"\(unit)\" is not in the unit register")
        }
        return problems
    }

    static func device(_ item: YAMLValue) throws(SourceError) -> Device {
        let m = try item.mapping(allowed: keys)
        let id = try m.string("id")
        guard Device.isValidID(id) else { throw m.error(at: "id", "device id \"\(id)\" must match [A-Za-z0-9_.-]{1,64}") }
        let model = try m.string("model")
        guard model.split(separator: "/").count == 2 else { throw m.error(at: "model", "model must be vendor/model") }
        let heartbeat = try m.optionalInt("heartbeat_s")
        if let heartbeat, heartbeat <= 0 { throw m.error(at: "heartbeat_s", "must be positive") }
        let gb = try m.optionalString("gb_address")
        if let gb, GB26875Header.address(gb) == nil {
            throw m.error(at: "gb_address", "gb_address \"\(gb)\" must be 12 hex digits (the 6-byte source address, low byte first)")
        }
        return Device(
            id: id, model: model, location: try m.geoPoint("location"), address: try m.optionalString("address") ?? "",
            street: try m.string("street"), community: try m.optionalString("community") ?? "",
            building: try m.optionalString("building"), heartbeatSeconds: heartbeat, gbAddress: gb?.lowercased(),
            unit: try m.optionalString("unit"), contacts: try ContactList.load(m, "contacts", roles: ContactList.deviceRoles))
    }
}
