import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch tail`: follows the operator event stream; reconnects with backoff and resumes without
/// gaps or repeats.
struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Follow the live alarm and event stream.")
    @OptionGroup var api: APIOptions
    @Flag(help: "Print each event as one JSON line.") var json = false
    @Option(help: "Replay events from this long ago (e.g. 10m, 2h, or an RFC 3339 time) before following.") var since: String?
    @Option(help: "Replay this many recent events before following (default 10; ignored with --since).") var lines: Int = 10
    @Option(help: "Only events of these street ids (comma-separated).") var street: String?
    @Option(help: "Only these alarm or hazard kinds (fire, offline, ...), event types (alarm.raised, ...) or families (alarm, hazard, station); comma-separated.")
    var kind: String?
    @Option(help: "Stop after this many events (for scripts).") var count: Int?

    func validate() throws {
        if let since, Durations.seconds(since) == nil, Timestamps.parse(since) == nil {
            throw ValidationError("--since must be a duration like 10m or an RFC 3339 time")
        }
        let unknown = EventFilter(kind: kind).unknownKinds
        if !unknown.isEmpty {
            throw ValidationError("--kind: unknown \(unknown.joined(separator: ", ")); use one of \(EventFilter.knownKinds.sorted().joined(separator: ", "))")
        }
        if lines < 0 { throw ValidationError("--lines must be 0 or more") }
    }

    func run() throws {
        let names = json ? PlaceNames() : PlaceNames.fetchBlocking(try api.address())
        let format = EventLine(json: json, language: api.language, colour: !json && isatty(STDOUT_FILENO) == 1, names: names)
        let filter = EventFilter(street: street, kind: kind)
        var follower = SSEFollower(server: try api.address())
        var backoff = Backoff(maximum: 15)
        var printed = 0
        let query = since.map { "since=\(ServerAddress.segment($0))" } ?? "last=\(lines)"
        while true {
            let before = follower.lastEventID ?? -1
            let outcome = follower.follow(initialQuery: query) { event in
                guard filter.accepts(event) else { return true }
                // Unbuffered, so a pipe sees each event as it happens.
                FileHandle.standardOutput.write(Data((format.format(event) + "\n").utf8))
                printed += 1
                return count.map { printed < $0 } ?? true
            }
            switch outcome {
            case .stoppedByCaller: return
            case .failed(let why, let status) where status == 400 || status == 401 || status == 403 || status == 404:
                printError("tail: \(why)")
                throw Exit.failure
            case .failed(let why, _):
                printError("tail: \(why); reconnecting")
            case .ended:
                printError("tail: stream ended; reconnecting")
            }
            if (follower.lastEventID ?? -1) > before { backoff.reset() }
            let delay = backoff.next()
            let resume = follower.lastEventID.map { ", resuming after event \($0)" } ?? ""
            printError("tail: next attempt in \(String(format: "%.1f", delay)) s\(resume)")
            Thread.sleep(forTimeInterval: delay)
        }
    }
}
