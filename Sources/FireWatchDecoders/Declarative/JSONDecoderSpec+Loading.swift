import FireWatchCore

extension JSONDecoderSpec {
    static let fieldKeys: Set<String> = FieldOutput.keys.union(["path", "required"])
    static let groupKeys: Set<String> = ["path", "as", "first_channel", "channel_path", "max", "fields"]

    /// Reads `decoder: {type: json, max_bytes: 4096, fields: [...], groups: [...]}`.
    init(_ value: YAMLValue, snapshot: Bool) throws(SourceError) {
        let m = try value.mapping(allowed: ["type", "max_bytes", "fields", "groups"])
        maxBytes = try m["max_bytes"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 2...1_048_576, "max_bytes") } ?? 8192
        self.snapshot = snapshot
        fields = try Self.fields(try m.required("fields"))
        groups = []
        for item in try m["groups"]?.list() ?? [] {
            let g = try item.mapping(allowed: Self.groupKeys)
            let mode = try g["as"].map { v throws(SourceError) in try SpecSyntax.choice(v, ["readings", "channels"]) } ?? "readings"
            groups.append(JSONGroup(
                path: try Self.path(try g.required("path")), channels: mode == "channels",
                firstChannel: try g["first_channel"].map(SpecSyntax.integer) ?? 1,
                channelPath: try g["channel_path"].map(Self.path),
                max: try g["max"].map { v throws(SourceError) in try SpecSyntax.integer(v, in: 0...4096, "max") } ?? 64,
                fields: try Self.fields(try g.required("fields"))))
        }
    }

    private static func fields(_ value: YAMLValue) throws(SourceError) -> [JSONField] {
        var out: [JSONField] = []
        for item in try value.list() {
            let m = try item.mapping(allowed: fieldKeys)
            let path = try path(try m.required("path"))
            let output = try FieldOutput(m, name: path.description)
            out.append(JSONField(path: path, required: try m.optionalBool("required") ?? false, output: output))
        }
        return out
    }

    private static func path(_ value: YAMLValue) throws(SourceError) -> JSONPath {
        let text = try value.string()
        guard let path = JSONPath(text) else {
            throw value.error("\"\(text)\" is not a JSON path (keys separated by dots, [N] for array items: data.channels[0].temp)")
        }
        return path
    }
}
