import FireWatchCore

/// Bit → event tables of the state and operation words. Only set bits give events; bits the standard
/// leaves reserved give none (the raw word stays in `attributes` for anyone who needs them).
enum GB26875StateWords {
    /// Building fire system state (flag 1).
    static let system: [(bit: Int, event: EventType)] = [
        (1, .fireAlarm), (2, .fault), (3, .disabled), (4, .supervisory), (5, .started), (6, .feedback),
        (7, .delay), (8, .mainPowerFault), (9, .backupPowerFault), (10, .busFault), (11, .manualMode),
        (12, .configChanged), (13, .reset),
    ]

    /// Component state (flag 2): the system's bits 1–7, then a component's own power fault.
    static let component: [(bit: Int, event: EventType)] = Array(system.prefix(7)) + [(8, .powerFault)]

    /// UITD state (flag 21).
    static let uitd: [(bit: Int, event: EventType)] = [
        (1, .fireAlarm), (2, .fault), (3, .mainPowerFault), (4, .backupPowerFault), (5, .channelFault),
        (6, .lineFault),
    ]

    /// Operation records of the fire system (flag 4); bit5 is an operator confirming an alarm.
    static let systemOperation: [(bit: Int, event: EventType)] = operation(bit5: .confirmedByOperator)

    /// Operation records of the UITD (flag 24); bit5 is the duty check (查岗) being answered.
    static let uitdOperation: [(bit: Int, event: EventType)] = operation(bit5: .dutyCheckAnswered)

    private static func operation(bit5: EventType) -> [(bit: Int, event: EventType)] {
        [(0, .reset), (1, .silenced), (2, .manualAlarm), (3, .alarmClearedByOperator), (4, .selfTest), (5, bit5), (6, .test)]
    }

    /// Events of an operation word: every set bit is something an operator did.
    static func events(_ word: UInt16, _ table: [(bit: Int, event: EventType)]) -> [DeviceEvent] {
        table.filter { word & (1 << UInt16($0.bit)) != 0 }.map { DeviceEvent($0.event) }
    }

    /// Events of a state word (flags 1, 2, 21). Bit0 reads "1 normal / 0 test", yet field devices and
    /// the standard's own fire-alarm example send 0 in normal operation: a `test` event from it would
    /// hide real alarms as tests. So it counts only when the definition opts in (`strict_test_bit`).
    static func stateEvents(
        _ word: UInt16, _ table: [(bit: Int, event: EventType)], strictTestBit: Bool
    ) -> [DeviceEvent] {
        let test = strictTestBit && word & 1 == 0 ? [DeviceEvent(.test)] : []
        return test + events(word, table)
    }
}
