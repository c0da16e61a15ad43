import FireWatchCore
import FireWatchReports
import FireWatchStore
import Foundation

/// A report from the store's records: the alarms of the period and the one before it, the hazards that
/// could be open in either; the registry, stations and places as they are now. Read-only.
public enum ReportSource {
    public static func report(
        _ q: ReportQuery, store: SQLiteStore, devices: [Device], stations: [Station], geography: Geography, etaTargetSeconds: Double,
        timeZone: TimeZone, now: Date = Date()
    ) throws -> Report {
        let input = ReportInput(
            from: q.from, to: q.to, level: q.level, street: q.street,
            alarms: try store.alarms(raisedFrom: q.previousFrom, to: q.to),
            hazards: try store.hazards(openBefore: q.to, stillOpenAt: q.previousFrom),
            devices: devices, stations: stations, geography: geography, etaTargetSeconds: etaTargetSeconds, now: now, timeZone: timeZone)
        return ReportBuilder.build(input)
    }
}
