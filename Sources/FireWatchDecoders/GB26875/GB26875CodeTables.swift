/// The code tables of GB/T 26875.3-2011 (system types, component types, analog types), kept whole so
/// an operator reading `attributes` sees "photoelectric smoke detector", not 42. Values the standard
/// leaves reserved are named "reserved"; 128–255 are the vendors' own ("user-defined").
enum GB26875CodeTables {
    /// Building fire-protection system types (系统类型标志), standard table 4.
    static let systemTypes: [UInt8: String] = [
        0: "general",
        1: "fire alarm system",
        10: "linkage controller",
        11: "hydrant system",
        12: "sprinkler",
        13: "gas extinguishing",
        14: "water spray extinguishing (pump-started)",
        15: "water spray extinguishing (pressure-vessel-started)",
        16: "foam",
        17: "dry powder",
        18: "smoke control",
        19: "fire doors and shutters",
        20: "fire elevator",
        21: "emergency broadcast",
        22: "emergency lighting",
        23: "fire power supply",
        24: "fire telephone",
    ]

    /// Component types (部件类型), standard table 5.
    static let componentTypes: [UInt8: String] = [
        0: "general",
        1: "fire alarm control panel",
        10: "combustible gas detector",
        11: "point combustible gas detector",
        12: "standalone combustible gas detector",
        13: "line combustible gas detector",
        16: "electrical fire monitor",
        17: "residual-current detector",
        18: "temperature-sensing electrical detector",
        21: "detection loop",
        22: "fire display panel",
        23: "manual call point",
        24: "hydrant button",
        25: "fire detector",
        30: "heat detector",
        31: "point heat detector",
        32: "point heat detector (S type)",
        33: "point heat detector (R type)",
        34: "line heat detector",
        35: "line heat detector (S type)",
        36: "line heat detector (R type)",
        37: "fibre-optic heat detector",
        40: "smoke detector",
        41: "ionisation smoke detector",
        42: "photoelectric smoke detector",
        43: "beam smoke detector",
        44: "aspirating smoke detector",
        50: "multi-sensor detector",
        51: "smoke and heat multi-sensor detector",
        52: "flame and heat multi-sensor detector",
        53: "flame and smoke multi-sensor detector",
        61: "UV flame detector",
        62: "IR flame detector",
        69: "light detector",
        74: "gas detector",
        78: "video fire detector",
        79: "acoustic detector",
        81: "gas extinguishing controller",
        82: "fire electrical control device",
        83: "fire control room graphic display",
        84: "module",
        85: "input module",
        86: "output module",
        87: "input/output module",
        88: "relay module",
        91: "fire pump",
        92: "fire water tank",
        95: "sprinkler pump",
        96: "water flow indicator",
        97: "signal valve",
        98: "alarm valve",
        99: "pressure switch",
        101: "valve actuator",
        102: "fire door",
        103: "fire damper",
        104: "ventilation and air conditioning",
        105: "foam concentrate pump",
        106: "pipe network solenoid valve",
        111: "smoke exhaust fan",
        113: "smoke exhaust fire damper",
        114: "normally closed air inlet",
        115: "smoke outlet",
        116: "electrically controlled smoke curtain",
        117: "shutter controller",
        118: "fire door monitor",
        121: "alarm device",
    ]

    /// Component types whose fire alarm is someone pressing a button: also a `manual_alarm`.
    static let manualAlarmComponents: Set<UInt8> = [23, 24]

    /// Analog value types (模拟量类型) → normalized metric and the scale of one raw unit.
    static let analogTypes: [UInt8: GB26875AnalogMetric] = [
        1: GB26875AnalogMetric(metric: "event_count", scale: 1),
        2: GB26875AnalogMetric(metric: "level_m", scale: 0.01),
        3: GB26875AnalogMetric(metric: "temperature_c", scale: 0.1),
        4: GB26875AnalogMetric(metric: "pressure_mpa", scale: 0.1),
        5: GB26875AnalogMetric(metric: "pressure_kpa", scale: 0.1),
        6: GB26875AnalogMetric(metric: "gas_lel_pct", scale: 0.1),
        7: GB26875AnalogMetric(metric: "duration_s", scale: 1),
        8: GB26875AnalogMetric(metric: "voltage_v", scale: 0.1),
        9: GB26875AnalogMetric(metric: "current_a", scale: 0.1),
        10: GB26875AnalogMetric(metric: "flow_lps", scale: 0.1),
        11: GB26875AnalogMetric(metric: "air_flow_m3min", scale: 0.1),
        12: GB26875AnalogMetric(metric: "wind_speed_ms", scale: 1),
    ]

    static func systemTypeName(_ code: UInt8) -> String { name(code, in: systemTypes) }

    static func componentTypeName(_ code: UInt8) -> String { name(code, in: componentTypes) }

    private static func name(_ code: UInt8, in table: [UInt8: String]) -> String {
        if let name = table[code] { return name }
        return code >= 128 ? "user-defined" : "reserved"
    }
}
