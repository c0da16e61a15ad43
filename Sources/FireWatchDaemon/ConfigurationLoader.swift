import FireWatchCore
import FireWatchDecoders
import FireWatchDispatch
import FireWatchHazards
import Foundation

extension Configuration {
    /// Where the config is looked for: `--config`, `$FIREWATCH_CONFIG`, `/etc/firewatch/firewatch.yaml`,
    /// `Config/firewatch.yaml`.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit { return explicit }
        if let env = environment["FIREWATCH_CONFIG"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "/etc/firewatch/firewatch.yaml") { return "/etc/firewatch/firewatch.yaml" }
        return "Config/firewatch.yaml"
    }

    /// Loads and validates the config file; unknown keys are errors with file:line.
    public static func load(path: String) throws(SourceError) -> Configuration {
        guard let doc = try YAMLValue.load(path: path) else { throw SourceError(file: path, line: nil, "empty configuration") }
        let m = try doc.mapping(allowed: ["instance", "timezone", "mqtt", "storage", "devices", "stations", "hazards", "http", "logging", "gb26875", "geography", "notify"])
        let base = baseFolder(forConfigAt: path)
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (base as NSString).appendingPathComponent(p) }

        let tzName = try m.optionalString("timezone") ?? "Asia/Shanghai"
        guard let tz = TimeZone(identifier: tzName) else { throw m.error(at: "timezone", "unknown timezone \"\(tzName)\"") }

        let mqtt = try loadMQTT(try m.required("mqtt"), resolve: resolve)
        let storage = try m.required("storage").mapping(allowed: ["sqlite", "journal_retention_days", "events_retention_days"])
        for key in ["journal_retention_days", "events_retention_days"] {
            if let v = try storage.optionalInt(key), v < 0 { throw storage.error(at: key, "must be 0 (keep forever) or more") }
        }
        let devices = try m.required("devices").mapping(allowed: ["definitions", "registry"])
        var folders: [String] = []
        if let defs = devices["definitions"] {
            if case .scalar = defs.node { folders = [try defs.string()] } else { folders = try defs.list().map { v throws(SourceError) in try v.string() } }
        } else {
            folders = ["Devices"]
        }
        let stations = try m.required("stations").mapping(allowed: ["file", "ack_timeout_s", "eta_target_s", "speed_kmh", "road_factor", "travel_times"])
        var travelTimes = TravelTimes()
        if let file = try stations.optionalString("travel_times").map(resolve) {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw stations.error(at: "travel_times", "cannot read \(file): \(error.localizedDescription)")
            }
            do { travelTimes = try TravelTimes.parse(text) } catch {
                throw SourceError(file: file, line: error.line, error.message)
            }
        }
        let policy = DispatchPolicy(
            ackTimeoutSeconds: try stations.optionalDouble("ack_timeout_s") ?? 60,
            etaTargetSeconds: try stations.optionalDouble("eta_target_s") ?? 180,
            speedKmh: try stations.optionalDouble("speed_kmh") ?? 15,
            roadFactor: try stations.optionalDouble("road_factor") ?? 1.3,
            travelTimes: travelTimes)
        guard policy.speedKmh > 0 else { throw stations.error(at: "speed_kmh", "must be positive") }
        guard policy.roadFactor >= 1 else { throw stations.error(at: "road_factor", "must be at least 1") }
        guard policy.ackTimeoutSeconds > 0 else { throw stations.error(at: "ack_timeout_s", "must be positive") }

        let geography = try m["geography"]?.mapping(allowed: ["file", "units"])
        let http = try m["http"]?.mapping(allowed: ["listen", "tokens_file", "allowed_hosts"])
        let logging = try m["logging"]?.mapping(allowed: ["level"])
        let level = try logging?.optionalString("level") ?? "info"
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(level) else {
            throw logging!.error(at: "level", "level must be one of trace, debug, info, notice, warning, error, critical")
        }
        let listen = try http?.optionalString("listen") ?? "127.0.0.1:8080"
        guard HostPort(listen) != nil else { throw http!.error(at: "listen", "listen must be host:port") }

        let instance = try m.optionalString("instance") ?? "firewatch"
        var config = Configuration(
            instance: instance,
            timeZone: tz,
            mqtt: mqtt,
            sqlitePath: resolve(try storage.string("sqlite")),
            journalRetentionDays: try storage.optionalInt("journal_retention_days") ?? 90,
            eventsRetentionDays: try storage.optionalInt("events_retention_days") ?? 365,
            definitionFolders: folders.map(resolve),
            registryPath: resolve(try devices.string("registry")),
            stationsPath: resolve(try stations.string("file")),
            geographyPath: try geography?.optionalString("file").map(resolve),
            unitsPath: try geography?.optionalString("units").map(resolve),
            dispatch: policy,
            hazards: try loadHazards(m["hazards"]),
            httpListen: listen,
            tokensFile: try http?.optionalString("tokens_file").map(resolve),
            allowedHosts: try http?["allowed_hosts"].map { v throws(SourceError) in
                let hosts = try v.list().map { item throws(SourceError) in try item.string() }
                guard !hosts.isEmpty else { throw v.error("allowed_hosts must name at least one host") }
                return hosts
            },
            gb26875: try loadGB26875(m["gb26875"]),
            logLevel: level,
            file: path)
        config.notify = try loadNotify(m["notify"], resolve: resolve, instance: instance, timeZone: tz)
        return config
    }

    /// Relative paths resolve against the config folder's parent when it is `Config/`, else the config folder.
    static func baseFolder(forConfigAt path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let folder = (absolute as NSString).deletingLastPathComponent
        return (folder as NSString).lastPathComponent == "Config" ? (folder as NSString).deletingLastPathComponent : folder
    }

    static func loadMQTT(_ value: YAMLValue, resolve: (String) -> String) throws(SourceError) -> MQTT {
        let m = try value.mapping(allowed: [
            "url", "client_id", "subscriptions", "topic_prefix", "username", "password_file", "ca_file", "cert_file",
            "key_file", "keepalive_s", "session_expiry_s", "max_unprocessed", "max_unprocessed_bytes", "max_payload_bytes",
        ])
        let url = try m.string("url")
        guard let parsed = BrokerURL(url) else {
            throw m.error(at: "url", "url must look like mqtt://host:1883 or mqtts://host:8883")
        }
        var subs: [Subscription] = []
        for item in try m.required("subscriptions").list() {
            let s = try item.mapping(allowed: ["filter", "device_level", "envelope"])
            let filter = try s.string("filter")
            let level = try s.int("device_level")
            let envelope = try s.optionalString("envelope") ?? "raw"
            let levels = Subscription(filter: filter, deviceLevel: level, envelope: envelope).topicLevels
            guard level >= 1, level <= levels.count, levels[level - 1] == "+" else {
                throw s.error(at: "device_level", "device_level \(level) must point at a \"+\" level of \"\(filter)\"")
            }
            guard ["raw", "chirpstack", "tts"].contains(envelope) else {
                throw s.error(at: "envelope", "envelope must be raw, chirpstack or tts")
            }
            subs.append(Subscription(filter: filter, deviceLevel: level, envelope: envelope))
        }
        guard !subs.isEmpty else { throw m.error(at: "subscriptions", "at least one subscription is needed") }
        let expiry = try m.optionalInt("session_expiry_s") ?? 7 * 86_400
        guard expiry >= 86_400 else { throw m.error(at: "session_expiry_s", "must be at least 86400 (one day)") }
        return MQTT(
            url: url, host: parsed.host, port: parsed.port, tls: parsed.tls,
            clientID: try m.string("client_id"), subscriptions: subs,
            topicPrefix: try m.optionalString("topic_prefix") ?? "firewatch",
            username: try m.optionalString("username"),
            passwordFile: try m.optionalString("password_file").map(resolve),
            caFile: try m.optionalString("ca_file").map(resolve),
            certFile: try m.optionalString("cert_file").map(resolve),
            keyFile: try m.optionalString("key_file").map(resolve),
            keepAliveSeconds: try m.optionalInt("keepalive_s") ?? 30,
            sessionExpirySeconds: expiry,
            maxUnprocessed: try positive(m, "max_unprocessed") ?? 100_000,
            maxUnprocessedBytes: try positive(m, "max_unprocessed_bytes") ?? 256 << 20,
            maxPayloadBytes: try positive(m, "max_payload_bytes") ?? 262_144)
    }

    static func positive(_ m: YAMLMapping, _ key: String) throws(SourceError) -> Int? {
        guard let v = try m.optionalInt(key) else { return nil }
        guard v > 0 else { throw m.error(at: key, "must be positive") }
        return v
    }

    /// `hazards.*` over the policy's own defaults (HazardPolicy holds them; absent keys keep them).
    static func loadHazards(_ value: YAMLValue?) throws(SourceError) -> HazardPolicy {
        let m = try value?.mapping(allowed: [
            "offline_after_heartbeats", "coincidence_window_s", "chattering", "flood", "residual_current_ma",
            "cable_temperature_c", "due_hours",
        ])
        let chattering = try m?["chattering"]?.mapping(allowed: ["count", "window_s"])
        let flood = try m?["flood"]?.mapping(allowed: ["count", "window_s"])
        var p = HazardPolicy()
        if let v = try m?.optionalInt("offline_after_heartbeats") { p.offlineAfterHeartbeats = v }
        if let v = try m?.optionalInt("coincidence_window_s") { p.coincidenceWindowSeconds = Double(v) }
        if let v = try chattering?.optionalInt("count") { p.chatteringCount = v }
        if let v = try chattering?.optionalInt("window_s") { p.chatteringWindowSeconds = Double(v) }
        if let v = try flood?.optionalInt("count") { p.floodCount = v }
        if let v = try flood?.optionalInt("window_s") { p.floodWindowSeconds = Double(v) }
        if let v = try m?.optionalDouble("residual_current_ma") { p.residualCurrentMilliamps = v }
        if let v = try m?.optionalDouble("cable_temperature_c") { p.cableTemperatureCelsius = v }
        if let due = try m?["due_hours"]?.mapping() {
            for (name, value) in due.entries {
                guard let kind = HazardKind(rawValue: name) else {
                    throw due.error(at: name, "no hazard kind \"\(name)\"; kinds: \(HazardKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let hours = try value.double()
                guard hours > 0 else { throw due.error(at: name, "hours must be positive (fractions allowed: 0.5 is 30 minutes)") }
                p.dueHours[kind] = hours
            }
        }
        return p
    }
}

/// `mqtt://host:port` or `mqtts://host:port`.
public struct BrokerURL: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var tls: Bool

    public init?(_ text: String) {
        let tls: Bool
        let rest: Substring
        if text.hasPrefix("mqtts://") { tls = true; rest = text.dropFirst(8) }
        else if text.hasPrefix("mqtt://") { tls = false; rest = text.dropFirst(7) }
        else { return nil }
        let hostPort = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        if let hp = HostPort(hostPort) {
            host = hp.host
            port = hp.port
        } else if !hostPort.isEmpty, !hostPort.contains(":") {
            host = hostPort
            port = tls ? 8883 : 1883
        } else {
            return nil
        }
        self.tls = tls
    }
}

/// `host:port` (IPv6 in brackets).
public struct HostPort: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var h = String(text[..<colon])
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        guard !h.isEmpty, let p = Int(text[text.index(after: colon)...]), (0...65535).contains(p) else { return nil }
        host = h
        port = p
    }
}
