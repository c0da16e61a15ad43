import Foundation
import HeapModule

/// When each device was last heard, and since when it has been watched. A device is judged silent
/// only after `offline_after_heartbeats` heartbeats counted from the later of the two, so a start-up
/// (or a device added by a reload) never brings a storm of `offline` hazards.
///
/// Each watched device has one check in a heap ordered by time: a tick looks only at the checks that
/// came due (a device heard since is checked again at its new deadline), so the work of a tick follows
/// the devices falling silent, never the size of the fleet. A device judged silent has no check until
/// it is heard again or its window restarts.
struct HeartbeatWatch: Sendable {
    var lastSeen: [String: Date] = [:]
    var watchedSince: [String: Date] = [:]
    private var checks = Heap<Check>()
    private var armed: Set<String> = []

    struct Check: Comparable, Sendable {
        var at: Date
        var device: String
        static func < (a: Check, b: Check) -> Bool { a.at != b.at ? a.at < b.at : a.device < b.device }
    }

    /// Starts watching devices not watched yet, from `now`; arms any watched device without a check
    /// (a reload may have given it a heartbeat).
    mutating func watch(_ devices: some Sequence<String>, from now: Date) {
        for id in devices {
            if watchedSince[id] == nil { watchedSince[id] = now }
            arm(id, at: now)
        }
    }

    mutating func heard(_ device: String, at now: Date) {
        if let last = lastSeen[device], last >= now { return }
        lastSeen[device] = now
        if !armed.contains(device) { arm(device, at: now) }
    }

    /// Starts the silence window again, e.g. after an operator closed an offline hazard by hand.
    mutating func restart(_ device: String, at now: Date) {
        watchedSince[device] = now
        arm(device, at: now)
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

    /// The devices whose silence reached `heartbeats` × their heartbeat by `now`, each once until it is
    /// heard again or restarted, by id. `heartbeatSeconds` gives a device's heartbeat (nil or 0: not
    /// supervised, no longer checked).
    mutating func silent(now: Date, after heartbeats: Int, heartbeatSeconds: (String) -> Int?) -> [String] {
        var silent: [String] = []
        while let first = checks.min, first.at <= now {
            _ = checks.removeMin()
            armed.remove(first.device)
            guard let seconds = heartbeatSeconds(first.device), seconds > 0, let since = silentSince(first.device) else { continue }
            let due = since.addingTimeInterval(Double(heartbeats * seconds))
            if due <= now { silent.append(first.device) } else { arm(first.device, at: due) }
        }
        return silent.sorted()
    }

    private mutating func arm(_ device: String, at time: Date) {
        guard armed.insert(device).inserted else { return }
        checks.insert(Check(at: time, device: device))
    }
}
