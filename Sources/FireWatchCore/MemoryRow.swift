/// One persisted key of the hazard engine's memory: which part, which key (an episode, device, building or
/// street), and its value as JSON; nil `json` removes the row.
public struct MemoryRow: Hashable, Sendable {
    public var part: String
    public var key: String
    public var json: String?

    public init(part: String, key: String, json: String?) {
        self.part = part
        self.key = key
        self.json = json
    }
}
