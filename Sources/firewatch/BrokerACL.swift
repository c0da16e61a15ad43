import FireWatchPipeline
import Foundation

/// Who may publish and read what at the broker (mosquitto `acl_file`), from the registry, the stations
/// file and the subscriptions: identity bound at the broker, so a device can publish only as itself
/// and a station answer only as itself. Usernames are device and station ids (never `%c`: a client id
/// is whatever the client says).
struct BrokerACL {
    /// The daemon's own user.
    var daemonUser: String
    var devices: [String]
    var stations: [String]
    var subscriptions: [Subscription]
    var topicPrefix: String

    /// Network servers publish their devices' uplinks (ChirpStack, The Things Stack): one user per
    /// wrapped subscription, named after its envelope, writing only that filter as publishers see it
    /// (a `$share/GROUP/` prefix is the subscribers' business).
    var networkServers: [(user: String, topic: String)] {
        var seen = Set<String>()
        return subscriptions.filter { $0.envelope != "raw" }.map { ($0.envelope, $0.topicLevels.joined(separator: "/")) }
            .filter { seen.insert("\($0.user) \($0.topic)").inserted }
    }

    /// The read-only user for whoever takes the brigade's CAP alerts and the alarm topics (the 119
    /// gateway, a wall display): under `allow_anonymous false` nobody else may read them.
    static let brigadeUser = "brigade"

    /// Names that are not device or station ids.
    var reservedUsers: Set<String> { Set([daemonUser, Self.brigadeUser] + networkServers.map(\.user)) }

    /// Every username the files hold, each once, in file order.
    var users: [String] {
        var seen = Set<String>()
        return ([daemonUser, Self.brigadeUser] + devices + stations + networkServers.map(\.user)).filter { seen.insert($0).inserted }
    }

    /// A raw subscription's topic with the device's level as `%u`: `devices/+/up` → `devices/%u/up`
    /// (levels as publishers see them, without `$share/GROUP/`).
    static func ownTopic(_ s: Subscription) -> String {
        var levels = s.topicLevels.map(String.init)
        if s.deviceLevel >= 1, s.deviceLevel <= levels.count { levels[s.deviceLevel - 1] = "%u" }
        return levels.joined(separator: "/")
    }

    /// Why an id cannot be a broker username, or nil when it can: mosquitto refuses `%u` substitution
    /// for names with wildcards or a slash, the password file splits at the colon, credentials.csv at
    /// the comma.
    static func problem(_ id: String) -> String? {
        if id.isEmpty { return "empty" }
        if let c = id.first(where: { "+#/:,".contains($0) || $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return "contains \"\(c)\""
        }
        return nil
    }

    /// The `acl_file` text.
    func text(generatedAt: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: generatedAt)
        var out = """
            # FireWatch broker ACL, written by `firewatch broker acl` at \(stamp).
            # \(devices.count) devices, \(stations.count) stations, \(networkServers.count) network servers; usernames are their ids.
            # Regenerate after changing the registry or the stations file (passwords are kept, see OPERATIONS.md).

            # Devices publish only their own uplink topic (the username stands in for the device id).

            """
        for s in subscriptions where s.envelope == "raw" { out += "pattern write \(Self.ownTopic(s))\n" }
        out += """

            # Stations answer and report status only as themselves, and read their own pages.
            pattern write \(topicPrefix)/stations/%u/ack
            pattern write \(topicPrefix)/stations/%u/status
            pattern read \(topicPrefix)/stations/%u/dispatch

            # firewatchd reads every subscription and owns the \(topicPrefix)/ tree.
            user \(daemonUser)

            """
        for s in subscriptions { out += "topic read \(s.filter)\n" }
        out += "topic readwrite \(topicPrefix)/#\n"
        out += """

            # The brigade's gateway and wall displays read the CAP alerts and the alarm topics, nothing more.
            user \(Self.brigadeUser)
            topic read \(topicPrefix)/brigade/alerts
            topic read \(topicPrefix)/alarms/#

            """
        for ns in networkServers {
            out += "\n# The \(ns.user) network server publishes its devices' uplinks.\nuser \(ns.user)\ntopic write \(ns.topic)\n"
        }
        return out
    }
}
