import FireWatchCore
import Foundation
import Synchronization

/// The names people read for the ids events carry: streets and communities (`GET /api/v1/geography`)
/// and stations (`GET /api/v1/stations`), in Chinese or English. An id nobody named prints as itself.
public struct PlaceNames: Sendable {
    public var geography: Geography
    public var stations: [String: String]

    public init(geography: Geography = Geography(), stations: [String: String] = [:]) {
        self.geography = geography
        self.stations = stations
    }

    public func street(_ id: String, _ language: Language) -> String { geography.streetName(id, english: language == .en) }

    public func community(_ id: String, _ language: Language) -> String { geography.communityName(id, english: language == .en) }

    public func station(_ id: String) -> String { stations[id] ?? id }

    /// "长寿路街道 曹家渡居委会": the street, and the community when there is one.
    public func place(street: String, community: String?, _ language: Language) -> String {
        guard let community, !community.isEmpty else { return self.street(street, language) }
        return "\(self.street(street, language)) \(self.community(community, language))"
    }

    /// Reads both from the server; what it cannot read stays unnamed (an older daemon, a 403).
    public static func fetch(_ server: ServerAddress) async -> PlaceNames {
        let client = APIClient(server: server, timeoutSeconds: 5)
        var names = PlaceNames()
        if let view = try? await client.get(GeographyDocument.self, "/api/v1/geography") {
            names.geography = Geography(streets: view.streets, units: view.units)
        }
        if let stations = try? await client.get([Station].self, "/api/v1/stations") {
            for s in stations { names.stations[s.id] = s.name }
        }
        return names
    }

    /// `fetch` for a command that is not async (`tail`).
    public static func fetchBlocking(_ server: ServerAddress) -> PlaceNames {
        let result = Mutex<PlaceNames>(PlaceNames())
        let done = DispatchSemaphore(value: 0)
        Task {
            let names = await fetch(server)
            result.withLock { $0 = names }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }
    }
}

/// `GET /api/v1/geography` as a client reads it.
struct GeographyDocument: Decodable {
    var streets: [Geography.Place]
    var units: [BaselineUnit]
}
