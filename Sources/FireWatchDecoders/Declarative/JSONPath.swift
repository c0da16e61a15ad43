import FireWatchCore

/// A path into a JSON payload: `battery`, `data.smoke.state`, `rxInfo[0].rssi`.
struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    let components: [Component]
    let description: String

    /// Parses dotted keys with `[N]` indices; nil when malformed.
    init?(_ text: String) {
        var components: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let key = rest.prefix { $0 != "[" }
            guard !key.isEmpty else { return nil }
            components.append(.key(String(key)))
            rest = rest.dropFirst(key.count)
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 0 else {
                    return nil
                }
                components.append(.index(n))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { return nil }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
        self.description = text
    }

    /// The value at this path, nil when any step is missing or null.
    func resolve(_ root: JSONValue) -> JSONValue? {
        var current = root
        for component in components {
            switch (component, current) {
            case (.key(let k), .object(let o)):
                guard let next = o[k] else { return nil }
                current = next
            case (.index(let i), .array(let a)):
                guard i < a.count else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        if case .null = current { return nil }
        return current
    }

    /// Sets `value` at this path inside `root`, creating objects and arrays on the way (encode direction).
    func set(_ value: JSONValue, in root: inout JSONValue) {
        Self.set(value, components[...], in: &root)
    }

    private static func set(_ value: JSONValue, _ path: ArraySlice<Component>, in node: inout JSONValue) {
        guard let first = path.first else {
            node = value
            return
        }
        switch first {
        case .key(let k):
            var object: [String: JSONValue] = [:]
            if case .object(let o) = node { object = o }
            var child = object[k] ?? .null
            set(value, path.dropFirst(), in: &child)
            object[k] = child
            node = .object(object)
        case .index(let i):
            var array: [JSONValue] = []
            if case .array(let a) = node { array = a }
            while array.count <= i { array.append(.null) }
            set(value, path.dropFirst(), in: &array[i])
            node = .array(array)
        }
    }
}

extension JSONValue {
    /// The value as a declarative field sees it; nil for null.
    var fieldValue: FieldValue? {
        switch self {
        case .number(let n): .number(n, bits: nil)
        case .string(let s): .text(s)
        case .bool(let b): .flag(b)
        case .null: nil
        case .array, .object: .structure(self)
        }
    }
}
