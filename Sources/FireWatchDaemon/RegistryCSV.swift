import FireWatchCore
import FireWatchDecoders
import Foundation

/// Bulk registries as CSV: a header row naming the columns
/// `id,model,lat,lon,address,street,community,building,heartbeat_s` (+ `gb_address`, `unit`; any order; RFC 4180 quoting).
/// Read as UTF-8 bytes, one row at a time, with repeated values (models, streets, communities) shared:
/// a district's 200,000 devices load without a copy of the file per character or a map per row.
enum RegistryCSV {
    /// Calls `entry` with each row's device (or what is wrong with it) and its line.
    static func load(path: String, entry: (Result<Device, SourceError>, Int?) -> Void) throws(SourceError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw SourceError(file: path, line: nil, "cannot read: \(error.localizedDescription)")
        }
        var header: [String: Int]?
        var shared: [String: String] = [:]
        func intern(_ s: String) -> String {
            if let known = shared[s] { return known }
            shared[s] = s
            return s
        }
        var headerError: SourceError?
        data.withUnsafeBytes { bytes in parse(bytes.bindMemory(to: UInt8.self)) { fields, line in
            guard let columns = header else {
                var h: [String: Int] = [:]
                for (i, name) in fields.enumerated() { h[name] = i }
                for required in ["id", "model", "lat", "lon", "street"] where h[required] == nil {
                    headerError = SourceError(file: path, line: 1, "missing column \"\(required)\"")
                    return false
                }
                header = h
                return true
            }
            if fields.count == 1 && fields[0].isEmpty { return true }
            func field(_ name: String) -> String? { columns[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
            func fail(_ m: String) { entry(.failure(SourceError(file: path, line: line, m)), line) }
            let id = field("id") ?? ""
            guard Device.isValidID(id) else { fail("device id \"\(id)\" must match [A-Za-z0-9_.-]{1,64}"); return true }
            guard let lat = Double(field("lat") ?? ""), let lon = Double(field("lon") ?? ""), GeoPoint(lat: lat, lon: lon).isValid else {
                fail("device \"\(id)\": lat/lon must be numbers on the globe")
                return true
            }
            var heartbeat: Int?
            if let h = field("heartbeat_s"), !h.isEmpty {
                guard let v = Int(h), v > 0 else { fail("device \"\(id)\": heartbeat_s must be a positive whole number"); return true }
                heartbeat = v
            }
            let gb = field("gb_address").flatMap { $0.isEmpty ? nil : $0 }
            if let gb, GB26875Header.address(gb) == nil {
                fail("device \"\(id)\": gb_address \"\(gb)\" must be 12 hex digits (the 6-byte source address, low byte first)")
                return true
            }
            let building = field("building").flatMap { $0.isEmpty ? nil : intern($0) }
            let unit = field("unit").flatMap { $0.isEmpty ? nil : intern($0) }
            entry(.success(Device(
                id: id, model: intern(field("model") ?? ""), location: GeoPoint(lat: lat, lon: lon), address: field("address") ?? "",
                street: intern(field("street") ?? ""), community: intern(field("community") ?? ""), building: building,
                heartbeatSeconds: heartbeat, gbAddress: gb?.lowercased(), unit: unit)), line)
            return true
        } }
        if let headerError { throw headerError }
    }

    /// RFC 4180 over UTF-8 bytes: quoted fields may hold commas, newlines and doubled quotes. Calls
    /// `row` with each row's fields and the line it starts on; `row` returns false to stop.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, row: ([String], Int) -> Bool) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, line = 1, rowLine = 1
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < bytes.count, bytes[i] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if c == newline { line += 1 }
                    field.append(c)
                }
            } else if c == quote {
                inQuotes = true
            } else if c == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if c == cr {
                continue
            } else if c == newline {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                guard row(fields, rowLine) else { return }
                fields.removeAll(keepingCapacity: true)
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(decoding: field, as: UTF8.self))
            _ = row(fields, rowLine)
        }
    }
}
