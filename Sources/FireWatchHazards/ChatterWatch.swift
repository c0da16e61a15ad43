import Foundation

/// Occur-and-clear cycles per alarm episode (ISA-18.2 chattering: 3 or more within 60 s). A chattering
/// alarm stays one alarm; its cycles are marked as noise until it has been quiet for a window.
public struct ChatterWatch: Codable, Hashable, Sendable {
    /// When each episode's condition last cleared, within the window.
    public var clears: [String: [Date]] = [:]
    /// Episodes marked chattering.
    public var chattering: Set<String> = []

    public init() {}

    /// Records a clear; true when this clear makes the episode chattering.
    mutating func cleared(_ key: String, now: Date, count: Int, windowSeconds: Double) -> Bool {
        var list = (clears[key] ?? []).filter { now.timeIntervalSince($0) < windowSeconds }
        list.append(now)
        clears[key] = list
        guard list.count >= count, !chattering.contains(key) else { return false }
        chattering.insert(key)
        return true
    }

    func isChattering(_ key: String) -> Bool { chattering.contains(key) }

    /// Ends the mark on episodes quiet for a whole window; returns them.
    mutating func expire(now: Date, windowSeconds: Double) -> [String] {
        clears = clears.compactMapValues { list in
            let kept = list.filter { now.timeIntervalSince($0) < windowSeconds }
            return kept.isEmpty ? nil : kept
        }
        let quiet = chattering.filter { clears[$0] == nil }
        chattering.subtract(quiet)
        return quiet.sorted()
    }

    /// Forgets an episode whose alarm was resolved.
    mutating func forget(_ key: String) {
        clears[key] = nil
        chattering.remove(key)
    }
}
