import FireWatchCore
import Foundation
import Logging
import Synchronization

/// One line per log event: the message, then `key=value` metadata sorted by key (alarm ids are
/// greppable). Under journald (`JOURNAL_STREAM` set) lines start with a `<N>` syslog priority and
/// carry no timestamp, since journald adds both; elsewhere they start with an RFC 3339 time and level.
struct DaemonLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String
    let journald: Bool
    static let output = Mutex(())

    init(label: String, level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        self.logLevel = level
        self.journald = !(environment["JOURNAL_STREAM"] ?? "").isEmpty
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line = Self.format(
            level: event.level, message: "\(event.message)", metadata: merged, journald: journald, at: Date())
        Self.output.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
    }

    static func format(level: Logger.Level, message: String, metadata: Logger.Metadata, journald: Bool, at date: Date) -> String {
        var line = journald ? "<\(priority(level))>" : "\(timestamp(date)) \(level.rawValue) "
        line += message
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(quoted("\(value)"))"
        }
        return line + "\n"
    }

    /// syslog priorities (sd-daemon.h).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func timestamp(_ date: Date) -> String {
        Timestamps.string(date, in: TimeZone(secondsFromGMT: 0)!)
    }
}
