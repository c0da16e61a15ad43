import FireWatchCore
import CYaml
import Foundation
import Yams

/// A node of a YAML file that remembers where it came from, so every typed read can fail with
/// file:line. Used by the definition loader and by the daemon's config, registry and stations loaders.
public struct YAMLValue: @unchecked Sendable {
    public let node: Node
    public let file: String
    /// Dotted path from the document root, for messages (`mqtt.subscriptions[1].filter`).
    public let path: String

    public init(node: Node, file: String, path: String = "") {
        self.node = node
        self.file = file
        self.path = path
    }

    /// Parses `text` (the contents of `file`); a syntax error names its line.
    public static func parse(_ text: String, file: String) throws(SourceError) -> YAMLValue? {
        try screen(text, file: file)
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return YAMLValue(node: node, file: file)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                throw SourceError(file: file, line: mark.line, Self.explain(problem, line: mark.line, column: mark.column, in: text))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
                throw SourceError(file: file, line: context.mark.line, "duplicate key \(keys) in this mapping")
            case .reader(let problem, _, _, _):
                throw SourceError(file: file, line: nil, "cannot read as UTF-8 text: \(problem)")
            default:
                throw SourceError(file: file, line: nil, "YAML: \(error)")
            }
        } catch {
            throw SourceError(file: file, line: nil, "YAML: \(error)")
        }
    }

    /// libyaml's words, with what to fix: tabs, indentation.
    static func explain(_ problem: String, line: Int, column: Int, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let here = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        if let tab = here.firstIndex(of: "\t") {
            return "a tab at column \(here.distance(from: here.startIndex, to: tab) + 1): YAML indents with spaces only (libyaml: \(problem))"
        }
        let indentation = ["did not find expected key", "mapping values are not allowed", "did not find expected '-' indicator",
                           "block sequence entries are not allowed", "did not find expected node content"]
        if indentation.contains(where: problem.contains) {
            return "check the indentation here and on the lines above: the keys of one mapping start at the same column, "
                + "list items start with \"- \" at one column, and a value on the next line is indented further (libyaml: \(problem))"
        }
        if problem.contains("found unexpected end of stream") || problem.contains("did not find expected") {
            return "an unclosed quote, [ or { (libyaml: \(problem))"
        }
        return "YAML syntax: \(problem)"
    }

    /// Deeper nesting is refused: FireWatch's files are a few levels deep.
    static let maxDepth = 64

    /// Refuses anchors and aliases, and nesting deeper than `maxDepth`, from libyaml's tokens before
    /// anything is composed. Yams composes an alias as a copy of its anchored node, so 543 bytes of
    /// nested aliases ("billion laughs") stood for billions of nodes and never finished loading;
    /// composing is recursive, so depth is checked before it too. Syntax errors are left to the
    /// composer, which names them.
    static func screen(_ text: String, file: String) throws(SourceError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw SourceError(file: file, line: nil, "YAML: out of memory") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        let problem: SourceError? = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var token = yaml_token_t()
            // Keys seen per open mapping (nil for a sequence), to name a duplicate where it repeats.
            var keys: [[String: Int]?] = []
            var expectingKey = false
            while yaml_parser_scan(&parser, &token) == 1 {
                defer { yaml_token_delete(&token) }
                let line = Int(token.start_mark.line) + 1
                // A key is the scalar right after a KEY token (a complex key is not tracked).
                let afterKey = expectingKey
                expectingKey = false
                switch token.type {
                case YAML_KEY_TOKEN:
                    expectingKey = true
                    continue
                case YAML_SCALAR_TOKEN:
                    guard afterKey, let value = token.data.scalar.value else { continue }
                    let key = String(decoding: UnsafeBufferPointer(start: value, count: token.data.scalar.length), as: UTF8.self)
                    if let last = keys.indices.last, keys[last] != nil {
                        if let first = keys[last]![key] {
                            return SourceError(file: file, line: line, "duplicate key \"\(key)\" (first at line \(first)): keep one")
                        }
                        keys[last]![key] = line
                    }
                    continue
                case YAML_STREAM_END_TOKEN:
                    return nil
                case YAML_ANCHOR_TOKEN, YAML_ALIAS_TOKEN:
                    return SourceError(file: file, line: line, "YAML anchors and aliases (&name, *name) are not accepted: write the value out")
                case YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN, YAML_BLOCK_SEQUENCE_START_TOKEN,
                     YAML_BLOCK_MAPPING_START_TOKEN:
                    depth += 1
                    if depth > maxDepth { return SourceError(file: file, line: line, "nested deeper than \(maxDepth) levels") }
                    let isMapping = token.type == YAML_FLOW_MAPPING_START_TOKEN || token.type == YAML_BLOCK_MAPPING_START_TOKEN
                    keys.append(isMapping ? [:] : nil)
                case YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN, YAML_BLOCK_END_TOKEN:
                    depth -= 1
                    if !keys.isEmpty { keys.removeLast() }
                default:
                    continue
                }
            }
            return nil
        }
        if let problem { throw problem }
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(SourceError) -> YAMLValue? {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SourceError(file: path, line: nil, "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    /// 1-based line of this node.
    public var line: Int? { node.mark?.line }

    /// An error located at this node.
    public func error(_ message: String) -> SourceError {
        SourceError(file: file, line: line, path.isEmpty ? message : "\(path): \(message)")
    }

    public var isNull: Bool {
        if case .scalar(let s) = node { return s.style == .plain && node.null != nil }
        return false
    }

    public func string() throws(SourceError) -> String {
        guard case .scalar(let s) = node else { throw error("must be a text value") }
        return s.string
    }

    public func int() throws(SourceError) -> Int {
        guard case .scalar = node, let v = node.int else { throw error("must be a whole number") }
        return v
    }

    public func double() throws(SourceError) -> Double {
        guard case .scalar = node, let v = node.float ?? node.int.map(Double.init) else {
            throw error("must be a number")
        }
        return v
    }

    public func bool() throws(SourceError) -> Bool {
        guard case .scalar = node, let v = node.bool else { throw error("must be true or false") }
        return v
    }

    public func list() throws(SourceError) -> [YAMLValue] {
        guard case .sequence(let seq) = node else { throw error("must be a list") }
        return seq.enumerated().map { i, n in YAMLValue(node: n, file: file, path: "\(path)[\(i)]") }
    }

    /// The entries of a mapping; any key outside `allowed` is an error naming the key and its line.
    public func mapping(allowed: Set<String>? = nil) throws(SourceError) -> YAMLMapping {
        guard case .mapping(let map) = node else { throw error("must be a mapping of key: value") }
        var entries: [(String, YAMLValue, Int?)] = []
        for (k, v) in map {
            guard case .scalar(let ks) = k else { throw error("keys must be text") }
            let key = ks.string
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if let allowed, !allowed.contains(key) {
                let context = path.isEmpty ? "" : " in \(path)"
                let known = allowed.sorted().joined(separator: ", ")
                throw SourceError(file: file, line: k.mark?.line, "unknown key \"\(key)\"\(context) (known: \(known))")
            }
            if entries.contains(where: { $0.0 == key }) {
                throw SourceError(file: file, line: k.mark?.line, "duplicate key \"\(key)\"")
            }
            entries.append((key, YAMLValue(node: v, file: file, path: childPath), k.mark?.line))
        }
        return YAMLMapping(owner: self, entries: entries)
    }

    /// Converts this node to a JSON value (for decoder options and expected readings).
    public func json() throws(SourceError) -> JSONValue {
        switch node {
        case .scalar(let s):
            if isNull { return .null }
            if s.style == .plain {
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .number(Double(i)) }
                if let d = node.float { return .number(d) }
            }
            return .string(s.string)
        case .sequence:
            var out: [JSONValue] = []
            for item in try list() { out.append(try item.json()) }
            return .array(out)
        case .mapping:
            var out: [String: JSONValue] = [:]
            for (k, v) in try mapping().entries { out[k] = try v.json() }
            return .object(out)
        case .alias:
            throw error("aliases are not supported")
        }
    }
}

/// A YAML mapping with located lookups.
public struct YAMLMapping: Sendable {
    public let owner: YAMLValue
    let ordered: [(String, YAMLValue, Int?)]

    init(owner: YAMLValue, entries: [(String, YAMLValue, Int?)]) {
        self.owner = owner
        self.ordered = entries
    }

    /// Entries in file order.
    public var entries: [(String, YAMLValue)] { ordered.map { ($0.0, $0.1) } }

    public subscript(key: String) -> YAMLValue? {
        guard let v = ordered.first(where: { $0.0 == key })?.1, !v.isNull else { return nil }
        return v
    }

    /// The value of a key that must be present.
    public func required(_ key: String) throws(SourceError) -> YAMLValue {
        guard let v = self[key] else {
            let context = owner.path.isEmpty ? "" : " in \(owner.path)"
            throw SourceError(file: owner.file, line: owner.line, "missing key \"\(key)\"\(context)")
        }
        return v
    }

    /// An error located at `key`'s value, or at the mapping when the key is absent.
    public func error(at key: String, _ message: String) -> SourceError {
        (ordered.first(where: { $0.0 == key })?.1 ?? owner).error(message)
    }

    public func string(_ key: String) throws(SourceError) -> String { try required(key).string() }
    public func optionalString(_ key: String) throws(SourceError) -> String? { try self[key]?.string() }
    public func int(_ key: String) throws(SourceError) -> Int { try required(key).int() }
    public func optionalInt(_ key: String) throws(SourceError) -> Int? { try self[key]?.int() }
    public func double(_ key: String) throws(SourceError) -> Double { try required(key).double() }
    public func optionalDouble(_ key: String) throws(SourceError) -> Double? { try self[key]?.double() }
    public func optionalBool(_ key: String) throws(SourceError) -> Bool? { try self[key]?.bool() }

    /// `{lat: .., lon: ..}` validated to lie on the globe.
    public func geoPoint(_ key: String) throws(SourceError) -> GeoPoint {
        let v = try required(key)
        let m = try v.mapping(allowed: ["lat", "lon"])
        let p = GeoPoint(lat: try m.double("lat"), lon: try m.double("lon"))
        guard p.isValid else { throw v.error("lat must be within ±90 and lon within ±180") }
        return p
    }
}
