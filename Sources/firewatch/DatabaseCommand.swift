import ArgumentParser
import FireWatchStore
import Foundation

/// `firewatch db backup PATH --db DB`: an online copy of the daemon's database.
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Database maintenance.", subcommands: [Backup.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database with SQLite's online backup, safe while firewatchd runs.")
        @Argument(help: "New file to write the backup to.") var path: String
        @Option(help: "The daemon's SQLite database.") var db = "/var/lib/firewatch/firewatch.sqlite"

        func run() throws {
            guard FileManager.default.fileExists(atPath: db) else { printError("no database at \(db)"); throw Exit.usage }
            let started = Date()
            do {
                try SQLiteStore(path: db).backup(to: path)
            } catch let e as StoreError {
                printError("backup: \(e)")
                throw Exit.failure
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(String(format: "backed up %@ to %@ (%.1f MiB in %.2f s)", db, path, Double(size) / 1_048_576, Date().timeIntervalSince(started)))
        }
    }
}
