import Foundation

/// Occur-and-clear cycles per alarm episode (ISA-18.2 chattering: 3 or more within 60 s). A chattering
/// alarm stays one alarm; its cycles are marked as noise until it has been quiet for a window.
public struct ChatterWatch: Codable, Hashable, Sendable {
    /// When each episode's condition last cleared, within the window.
    public var clears = KeyedState<[Date]>()
    /// Episodes marked chattering (the value is always true; a key per row).
    public var chattering = KeyedState<Bool>()

    public init() {}

    enum CodingKeys: String, CodingKey { case clears, chattering }

    /// The old one-document memory kept `chattering` as a list of keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clears = try c.decodeIfPresent(KeyedState<[Date]>.self, forKey: .clears) ?? KeyedState()
        for key in try c.decodeIfPresent([String].self, forKey: .chattering) ?? [] { chattering[key] = true }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clears, forKey: .clears)
        try c.encode(chattering.keys.sorted(), forKey: .chattering)
    }

    /// Records a clear; true when this clear makes the episode chattering.
    mutating func cleared(_ key: String, now: Date, count: Int, windowSeconds: Double) -> Bool {
        var list = (clears[key] ?? []).filter { now.timeIntervalSince($0) < windowSeconds }
        list.append(now)
        clears[key] = list
        guard list.count >= count, chattering[key] == nil else { return false }
        chattering[key] = true
        return true
    }

    func isChattering(_ key: String) -> Bool { chattering[key] != nil }

    /// Ends the mark on episodes quiet for a whole window; returns them.
    mutating func expire(now: Date, windowSeconds: Double) -> [String] {
        clears.update { _, list in
            let kept = list.filter { now.timeIntervalSince($0) < windowSeconds }
            return kept.isEmpty ? nil : kept
        }
        let quiet = chattering.keys.filter { clears[$0] == nil }.sorted()
        for key in quiet { chattering[key] = nil }
        return quiet
    }

    /// Forgets an episode whose alarm was resolved.
    mutating func forget(_ key: String) {
        clears[key] = nil
        chattering[key] = nil
    }
}
