import ArgumentParser
import FireWatchCore
import Foundation

/// `firewatch tail`: follows the operator event stream; reconnects and resumes without gaps or repeats.
struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Follow the live alarm and event stream.")
    @Option(help: "Daemon HTTP address (or $FIREWATCH_SERVER).") var server: String?
    @Option(help: "API token (or $FIREWATCH_TOKEN).") var token: String?
    @Flag(help: "Print each event as one JSON line.") var json = false
    @Option(help: "Replay events from this long ago (e.g. 10m, 2h) before following.") var since: String?
    @Option(help: "Replay this many recent events before following (default 10; ignored with --since).") var lines: Int = 10
    @Option(help: "Only events of this street id.") var street: String?
    @Option(help: "Only alarms of this kind (fire, manual_alarm, ...) or events of this type (alarm.raised, ...).") var kind: String?
    @Option(help: "Language of the readable form: zh or en (default from $LANG).") var lang: String?
    @Option(help: "Stop after this many events (for scripts).") var count: Int?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let base = server ?? env["FIREWATCH_SERVER"] ?? "http://127.0.0.1:8080"
        if let since, Durations.seconds(since) == nil, Timestamps.parse(since) == nil {
            printError("--since must be a duration like 10m or an RFC 3339 time")
            throw Exit.usage
        }
        let format = TailFormat(
            json: json, chinese: (lang ?? env["LANG"] ?? "").lowercased().hasPrefix("zh"),
            colour: !json && isatty(STDOUT_FILENO) == 1)
        let filter = TailFilter(street: street, kind: kind)
        var client = SSEFollower(base: base, token: token ?? env["FIREWATCH_TOKEN"])
        var printed = 0
        var first = true
        var backoff = 0.5
        while true {
            let query = first ? (since.map { "since=\($0)" } ?? "last=\(lines)") : nil
            first = false
            let outcome = client.follow(initialQuery: query) { event, raw in
                guard filter.accepts(event) else { return true }
                // Unbuffered, so a pipe sees each event as it happens.
                FileHandle.standardOutput.write(Data((format.line(event, raw: raw) + "\n").utf8))
                printed += 1
                return count.map { printed < $0 } ?? true
            }
            switch outcome {
            case .stoppedByCaller: return
            case .failed(let why, let status):
                if status == 401 || status == 403 { printError("tail: \(why)"); throw Exit.failure }
                printError("tail: \(why); reconnecting in \(String(format: "%.1f", backoff)) s")
            case .ended:
                printError("tail: stream ended; reconnecting")
            }
            if client.lastEventID > 0 { backoff = 0.5 }
            Thread.sleep(forTimeInterval: backoff)
            backoff = min(backoff * 2, 15)
        }
    }
}

/// Which events `tail` shows.
struct TailFilter {
    var street: String?
    var kind: String?

    func accepts(_ e: FeedEvent) -> Bool {
        if let street, e.alarm?.street != street, e.station?.street != street { return false }
        if let kind, e.alarm?.kind.rawValue != kind, e.type.rawValue != kind { return false }
        return true
    }
}
