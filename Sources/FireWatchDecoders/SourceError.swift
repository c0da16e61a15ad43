/// A problem in a file a person wrote (config, registry, stations, a device definition), located by
/// file and line so it can be fixed: `Config/firewatch.yaml:12: unknown key "lisen" in http`.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
