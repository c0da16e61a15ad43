import FireWatchCore

/// The partial read behind `Triage`: the matching layout, and only the fields that can give one of
/// the urgent events, read and mapped as decoding would.
extension BinaryDecoderSpec {
    /// Whether any layout can give one of `events` at all.
    func mayGive(_ events: Set<EventType>) -> Bool {
        layouts.contains { layout in
            !layout.emit.allSatisfy { !events.contains($0) } || layout.fields.contains { $0.output.mayGive(events) } || layout.groups.contains {
                $0.fields.contains { $0.output.mayGive(events) }
            }
        }
    }

    /// Whether an urgent event can come from a repeated group (then the message is decoded instead).
    func groupsMayGive(_ events: Set<EventType>) -> Bool {
        layouts.contains { $0.groups.contains { $0.fields.contains { $0.output.mayGive(events) } } }
    }

    /// Whether this payload gives one of `events`: its layout's own events, or an event field's value.
    func mayCarry(_ events: Set<EventType>, _ bytes: [UInt8], fport: Int?) -> Bool {
        guard let layout = layouts.first(where: { $0.selector.matches(bytes, fport: fport) }), layout.reject == nil else { return false }
        if layout.emit.contains(where: events.contains) { return true }
        for field in layout.fields where field.output.mayGive(events) {
            guard let start = try? layout.position(of: field, in: bytes) else { continue }
            if field.output.eventTypes(field.read(bytes, at: start)).contains(where: events.contains) { return true }
        }
        return false
    }
}

extension FieldOutput {
    /// Whether any value of this field can give one of `types`.
    func mayGive(_ types: Set<EventType>) -> Bool {
        events.contains { $0.types.contains(where: types.contains) } || flags.contains { types.contains($0.type) }
            || condition.map { types.contains($0.type) } == true || invalid.contains { $0.types.contains(where: types.contains) }
    }

    /// The event types `value` gives, as `apply` adds them (without channels).
    func eventTypes(_ value: FieldValue) -> [EventType] {
        if !invalid.isEmpty, let hit = invalid.first(where: { value.matches($0.key) }) { return hit.types }
        var out: [EventType] = []
        if !events.isEmpty, let hit = events.first(where: { value.matches($0.key) }) { out += hit.types }
        if !flags.isEmpty, let bits = Self.bits(value) {
            for flag in flags where bits & (1 << UInt64(flag.bit)) != 0 { out.append(flag.type) }
        }
        if let condition, condition.when.holds(for: value) { out.append(condition.type) }
        return out
    }
}
