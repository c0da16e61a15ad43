import FireWatchCore
import FireWatchDecoders
import Foundation

/// Bulk registries as CSV: a header row naming the columns
/// `id,model,lat,lon,address,street,community,building,heartbeat_s` (any order; RFC 4180 quoting).
enum RegistryCSV {
    static func load(path: String) throws(SourceError) -> [(Result<Device, SourceError>, Int?)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SourceError(file: path, line: nil, "cannot read: \(error.localizedDescription)")
        }
        let rows = parse(text)
        guard let header = rows.first?.fields else { return [] }
        for required in ["id", "model", "lat", "lon", "street"] where !header.contains(required) {
            throw SourceError(file: path, line: 1, "missing column \"\(required)\"")
        }
        return rows.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }.map { row in
            var f: [String: String] = [:]
            for (i, name) in header.enumerated() where i < row.fields.count { f[name] = row.fields[i] }
            func fail(_ m: String) -> (Result<Device, SourceError>, Int?) { (.failure(SourceError(file: path, line: row.line, m)), row.line) }
            let id = f["id"] ?? ""
            guard Device.isValidID(id) else { return fail("device id \"\(id)\" must match [A-Za-z0-9_.-]{1,64}") }
            guard let lat = Double(f["lat"] ?? ""), let lon = Double(f["lon"] ?? ""), GeoPoint(lat: lat, lon: lon).isValid else {
                return fail("device \"\(id)\": lat/lon must be numbers on the globe")
            }
            var heartbeat: Int?
            if let h = f["heartbeat_s"], !h.isEmpty {
                guard let v = Int(h), v > 0 else { return fail("device \"\(id)\": heartbeat_s must be a positive whole number") }
                heartbeat = v
            }
            let building = f["building"].flatMap { $0.isEmpty ? nil : $0 }
            return (.success(Device(
                id: id, model: f["model"] ?? "", location: GeoPoint(lat: lat, lon: lon), address: f["address"] ?? "",
                street: f["street"] ?? "", community: f["community"] ?? "", building: building, heartbeatSeconds: heartbeat)), row.line)
        }
    }

    struct Row { var fields: [String]; var line: Int }

    /// RFC 4180: quoted fields may hold commas, newlines and doubled quotes.
    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var field = "", fields: [String] = []
        var inQuotes = false, line = 1, rowLine = 1
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n } }
                    else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" { inQuotes = true }
            else if c == "," { fields.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" {
                fields.append(field); rows.append(Row(fields: fields, line: rowLine))
                field = ""; fields = []; line += 1; rowLine = line
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(Row(fields: fields, line: rowLine)) }
        return rows
    }
}
