import Foundation

/// The routes of the API document by path template, for a 405 that names the allowed methods when a
/// known path is asked with a method it does not serve (a 404 would say the path does not exist).
enum RouteTable {
    /// Path templates split into segments (`{id}` matches any one segment), with their methods.
    static let routes: [(segments: [Substring], methods: [String])] = {
        guard let doc = try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any],
              let paths = doc["paths"] as? [String: Any]
        else { return [] }
        return paths.map { path, ops in
            (path.split(separator: "/"), ((ops as? [String: Any])?.keys.map { $0.uppercased() } ?? []).sorted())
        }
    }()

    /// The methods the document serves on `path`; empty for a path it does not know.
    static func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/")
        var found = Set<String>()
        for route in routes where route.segments.count == parts.count {
            let matches = zip(route.segments, parts).allSatisfy { template, part in
                (template.hasPrefix("{") && template.hasSuffix("}")) || template == part
            }
            if matches { found.formUnion(route.methods) }
        }
        if found.contains("GET") { found.insert("HEAD") }
        return found.sorted()
    }
}
