import ArgumentParser
import FireWatchCore
import FireWatchDaemon
import FireWatchStore
import Foundation

/// `firewatch journal --db PATH [--device ID] [--since DUR] [--count] [--decode]`
struct Journal: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The raw messages as received, as JSON lines.")
    @Option(help: "SQLite database of the daemon.") var db: String
    @Option(help: "Only this device.") var device: String?
    @Option(help: "Only messages received within this long (e.g. 10m, 2h).") var since: String?
    @Flag(help: "Print only the number of messages.") var count = false
    @Flag(help: "Add today's decoding of each message (needs the config for registry and definitions).") var decode = false
    @Option(help: "Config file, for --decode.") var config: String?

    func run() throws {
        var sinceDate: Date?
        if let since {
            guard let s = Durations.seconds(since) else { printError("--since must be a duration like 10m"); throw Exit.usage }
            sinceDate = Date().addingTimeInterval(-s)
        }
        guard FileManager.default.fileExists(atPath: db) else { printError("no database at \(db)"); throw Exit.usage }
        let store = try SQLiteStore(path: db)
        if count {
            print(try store.journalCount(device: device, since: sinceDate))
            return
        }
        let decoder = try decode ? JournalDecoder(configPath: Configuration.locate(explicit: config)) : nil
        let encoder = Timestamps.encoder(timeZone: decoder?.timeZone ?? .current)
        var after: Int64 = 0
        while true {
            let page = try store.journal(device: device, since: sinceDate, after: after, limit: 1000)
            guard let last = page.last else { break }
            for e in page {
                var line: [String: JSONValue] = [
                    "id": .number(Double(e.id)), "topic": .string(e.topic), "received_at": .string(Timestamps.string(e.receivedAt, in: decoder?.timeZone ?? .current)),
                    "dup": .bool(e.dup), "payload": .string(Data(e.payload).base64EncodedString()),
                ]
                if let d = e.device { line["device"] = .string(d) }
                if e.retained { line["retained"] = .bool(true) }
                if let decoder { line.merge(decoder.decode(e), uniquingKeysWith: { $1 }) }
                print(String(decoding: try encoder.encode(line), as: UTF8.self))
            }
            after = last.id
        }
    }
}
