import ArgumentParser
import FireWatchDaemon
import Foundation

/// `firewatch broker acl --out DIR [--config F] [--rotate ID|all ...]`: mosquitto ACL and password
/// files for every device and station, so the broker binds each publisher to its id.
struct Broker: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Broker access: who may publish what.", subcommands: [Acl.self])

    struct Acl: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write mosquitto acl, passwords and credentials.csv for every device and station (one user each).",
            discussion: """
                Passwords already in DIR/credentials.csv are kept, so re-running after a registry change
                adds the new ids without touching the others; --rotate gives new ones to the ids named
                (or all). Point mosquitto at DIR/acl (acl_file) and DIR/passwords (password_file) with
                allow_anonymous false, and hand each device and station its line of credentials.csv.
                """)
        @Option(help: "Folder to write acl, passwords and credentials.csv into.") var out: String
        @Option(help: "Config file (registry, stations, subscriptions, the daemon's mqtt.username).") var config: String?
        @Option(parsing: .upToNextOption, help: "Ids whose passwords are replaced, or \"all\".") var rotate: [String] = []

        func run() throws {
            let setup: LoadedSetup
            do { setup = try LoadedSetup.load(configPath: Configuration.locate(explicit: config)) } catch {
                printError("\(error)")
                throw Exit.badConfig
            }
            let mqtt = setup.config.mqtt
            var skipped: [String] = []
            // An id that is another user's name would share that user's password and rights (a device
            // called "firewatchd" would own the prefix): refused, as are ids the files cannot hold.
            var acl = BrokerACL(
                daemonUser: mqtt.username ?? "firewatchd", devices: [], stations: [], subscriptions: mqtt.subscriptions,
                topicPrefix: mqtt.topicPrefix)
            let reserved = acl.reservedUsers
            let stationIDs = Set(setup.stations.stations.map(\.id))
            func usable(_ ids: [String], _ taken: Set<String>) -> [String] {
                ids.sorted().filter { id in
                    let why = BrokerACL.problem(id) ?? (reserved.contains(id) ? "is a reserved broker user" : nil)
                        ?? (taken.contains(id) ? "is also a station id" : nil)
                    guard let why else { return true }
                    skipped.append("\(id.debugDescription): \(why)")
                    return false
                }
            }
            acl.devices = usable(Array(setup.registry.devices.keys), stationIDs)
            acl.stations = usable(Array(stationIDs), [])

            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let credentialsPath = (out as NSString).appendingPathComponent("credentials.csv")
            var passwords = try Self.readCredentials(credentialsPath)
            // The daemon's password is the one it will send: its mqtt.password_file when that exists,
            // never rotated here (change that file, then run this again).
            var fromFile = false
            if let file = mqtt.passwordFile, FileManager.default.fileExists(atPath: file) {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    printError("cannot read mqtt.password_file \(file): run this as a user who can, or the broker would get another password than firewatchd sends")
                    throw Exit.failure
                }
                passwords[acl.daemonUser] = text.trimmingCharacters(in: .whitespacesAndNewlines)
                fromFile = true
            }
            var rotated = 0, created = 0
            for user in acl.users where !(fromFile && user == acl.daemonUser) {
                if rotate.contains("all") || rotate.contains(user) || passwords[user] == nil {
                    if passwords[user] == nil { created += 1 } else { rotated += 1 }
                    passwords[user] = MosquittoPassword.generate()
                }
            }
            var passwordLines: [String] = []
            var csv = "username,password\n"
            for user in acl.users {
                let password = passwords[user]!
                passwordLines.append(try MosquittoPassword.line(user: user, password: password))
                csv += "\(user),\(password)\n"
            }
            try Self.write(csv, to: credentialsPath, mode: 0o600)
            try Self.write(passwordLines.joined(separator: "\n") + "\n", to: (out as NSString).appendingPathComponent("passwords"), mode: 0o600)
            try Self.write(acl.text(generatedAt: Date()), to: (out as NSString).appendingPathComponent("acl"), mode: 0o644)
            for s in skipped { printError("跳过 skipped \(s) (not usable as a broker username)") }
            print("已写入 \(out)：\(acl.devices.count) 个设备、\(acl.stations.count) 个站点、\(acl.networkServers.count) 个网络服务器、firewatchd 账号 \(acl.daemonUser)；新建 \(created)，更换 \(rotated)")
            print("wrote acl, passwords, credentials.csv to \(out): \(acl.users.count) users (\(created) new, \(rotated) rotated)")
        }

        /// `username,password` lines of an earlier run; none when the file does not exist.
        static func readCredentials(_ path: String) throws -> [String: String] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
            var out: [String: String] = [:]
            for (n, line) in text.split(separator: "\n").enumerated() where n > 0 || line != "username,password" {
                let parts = line.split(separator: ",", maxSplits: 1)
                guard parts.count == 2 else {
                    printError("\(path):\(n + 1): expected username,password")
                    throw Exit.badData
                }
                out[String(parts[0])] = String(parts[1])
            }
            return out
        }

        /// Writes through a temporary file with `mode` set before any secret is in it, then renames.
        static func write(_ text: String, to path: String, mode: Int) throws {
            let temporary = path + ".tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: mode]),
                  let handle = FileHandle(forWritingAtPath: temporary)
            else {
                printError("cannot write \(temporary)")
                throw Exit.failure
            }
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                printError("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
                throw Exit.failure
            }
        }
    }
}
