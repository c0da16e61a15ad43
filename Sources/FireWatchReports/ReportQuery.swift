import FireWatchCore
import Foundation

/// What a report asks for (`GET /api/v1/reports?from=&to=&level=&street=`, `firewatch report`).
public struct ReportQuery: Sendable {
    public var from: Date
    public var to: Date
    public var level: ReportLevel
    public var street: String?

    /// At most this many days; a longer period is its last 400.
    public static let maxDays = 400.0

    /// `from` and `to` as dates (`2026-11-01`, local midnight in `timeZone`; a date `to` includes that day)
    /// or RFC 3339 times (`to` excluded). A period ending before it starts is empty, one longer than
    /// `maxDays` is its last `maxDays`: what is computed is in the report's own `from` and `to`.
    public static func parse(from: String?, to: String?, level: String?, street: String?, timeZone: TimeZone) throws(ReportQueryError) -> ReportQuery {
        func date(_ text: String?, _ name: String, endOfDay: Bool) throws(ReportQueryError) -> Date {
            guard let text, !text.isEmpty else { throw ReportQueryError("\(name) is required: a date (2026-11-01) or an RFC 3339 time") }
            if let t = Timestamps.parse(text) { return t }
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard text.count == 10, parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                throw ReportQueryError("\(name) must be a date (2026-11-01) or an RFC 3339 time, not \"\(text.prefix(40))\"")
            }
            let days0 = Timestamps.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
            let back = Timestamps.civil(fromDays: days0)
            guard back.year == parts[0], back.month == parts[1], back.day == parts[2] else { throw ReportQueryError("\(name): there is no day \(text)") }
            let days = days0 + (endOfDay ? 1 : 0)
            let utc = Date(timeIntervalSince1970: Double(days) * 86_400)
            return utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utc)))
        }
        var start = try date(from, "from", endOfDay: false)
        let end = try date(to, "to", endOfDay: true)
        if end < start { start = end }
        if end.timeIntervalSince(start) > maxDays * 86_400 { start = end.addingTimeInterval(-maxDays * 86_400) }
        let levelText = level ?? "street"
        guard let l = ReportLevel(rawValue: levelText) else { throw ReportQueryError("level must be street, station or community, not \"\(levelText)\"") }
        if let street, !Device.isValidID(street) { throw ReportQueryError("street must be a street id") }
        return ReportQuery(from: start, to: end, level: l, street: street.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The period before, of the same length (the comparison's).
    public var previousFrom: Date { from.addingTimeInterval(-to.timeIntervalSince(from)) }
}

/// A report query that cannot be read, with what to fix.
public struct ReportQueryError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
