import Foundation

/// When each device was last heard, and since when it has been watched. A device is judged silent
/// only after `offline_after_heartbeats` heartbeats counted from the later of the two, so a start-up
/// (or a device added by a reload) never brings a storm of `offline` hazards.
struct HeartbeatWatch: Sendable {
    var lastSeen: [String: Date] = [:]
    var watchedSince: [String: Date] = [:]

    /// Starts watching devices not watched yet, from `now`.
    mutating func watch(_ devices: some Sequence<String>, from now: Date) {
        for id in devices where watchedSince[id] == nil { watchedSince[id] = now }
    }

    mutating func heard(_ device: String, at now: Date) {
        if let last = lastSeen[device], last >= now { return }
        lastSeen[device] = now
    }

    /// Starts the silence window again, e.g. after an operator closed an offline hazard by hand.
    mutating func restart(_ device: String, at now: Date) {
        watchedSince[device] = now
    }

    /// Since when the device has been silent, judged from the later of last seen and watched since.
    func silentSince(_ device: String) -> Date? {
        switch (lastSeen[device], watchedSince[device]) {
        case (let seen?, let since?): max(seen, since)
        case (let seen?, nil): seen
        case (nil, let since?): since
        case (nil, nil): nil
        }
    }

    /// Whether `device`, keeping a heartbeat every `heartbeatSeconds`, has been silent too long at `now`.
    func isSilent(_ device: String, heartbeatSeconds: Int, after heartbeats: Int, now: Date) -> Bool {
        guard heartbeatSeconds > 0, let since = silentSince(device) else { return false }
        return now.timeIntervalSince(since) >= Double(heartbeats * heartbeatSeconds)
    }
}
