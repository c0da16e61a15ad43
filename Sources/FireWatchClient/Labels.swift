import FireWatchCore

/// The language of readable output: `--lang`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX order).
/// Chinese shows each label in Chinese with the English name beside it; JSON stays English.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// `zh`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8`, `C`: Chinese when it starts with `zh`.
    public static func resolve(flag: String?, environment: [String: String]) -> Language {
        if let flag, !flag.isEmpty { return flag.lowercased().hasPrefix("zh") ? .zh : .en }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}

/// Chinese names of the words operators read, beside the vocabulary's own (`AlarmKind.chinese`, ...).
public enum Labels {
    public static let feedTypes: [(String, String)] = FeedEventType.allCases.map { ($0.rawValue, $0.chinese) }
    public static let severities: [(String, String)] = [("critical", "紧急"), ("major", "重要"), ("minor", "一般")]
    public static let stationStatuses: [(String, String)] = [("available", "可出动"), ("busy", "出警中"), ("out_of_service", "停用")]
    public static let resolutions: [(String, String)] = [
        ("fire", "真实火情"), ("false_alarm", "误报"), ("test", "测试"), ("nuisance", "干扰报警"), ("device_fault", "设备故障"),
    ]
    public static let hazardKinds: [(String, String)] = HazardKind.allCases.map { ($0.rawValue, $0.chinese) }
    public static let hazardStates: [(String, String)] = [("open", "待整改"), ("rectified", "已整改"), ("closed", "已销号")]
    public static let grades: [(String, String)] = [("green", "绿"), ("yellow", "黄"), ("orange", "橙"), ("red", "红")]

    static let chinese: [String: String] = {
        var all: [String: String] = [:]
        for (k, v) in feedTypes + severities + stationStatuses + resolutions + hazardKinds + hazardStates + grades { all[k] = v }
        for k in AlarmKind.allCases { all[k.rawValue] = k.chinese }
        for s in AlarmState.allCases { all[s.rawValue] = s.chinese }
        for e in EventType.allCases { all[e.rawValue] = e.chinese }
        return all
    }()

    /// A note in Chinese: a bare word of the vocabulary (`rectified`, `overdue`), or the daemon's
    /// English sentences it knows the shape of; anything else as it is.
    public static func note(_ text: String) -> String {
        if let zh = chinese[text] ?? notes[text] { return zh }
        for (prefix, zh) in notePrefixes where text.hasPrefix(prefix) { return zh + text.dropFirst(prefix.count) }
        // "best ETA 322 s exceeds the 180 s target"
        let words = text.split(separator: " ")
        if words.count == 9, text.hasPrefix("best ETA "), text.hasSuffix(" s target") {
            return "最快预计 \(words[2]) 秒到场，超过 \(words[6]) 秒目标，上报支队"
        }
        return text
    }

    static let notes: [String: String] = [
        "rectified": "已整改", "reopened": "复发，重新打开", "overdue": "逾期", "reminder": "临期提醒", "photos": "补充照片",
        "repeated": "重复报警", "condition_cleared": "设备已恢复", "chattering": "频繁振荡", "chattering_ended": "振荡结束",
        "acknowledged": "已确认收到", "resolved": "已处置", "part of a street flood": "属街镇报警激增",
        "fire confirmed": "火情已核实，上报支队", "no available station": "无可出动站点，上报支队",
    ]

    static let notePrefixes: [(String, String)] = [
        ("confirmed by ", "核实方："), ("joined incident ", "并入警情 "), ("with incident ", "随警情 "),
        ("recorded, not dispatched ", "仅记录，未派警 "), ("set by ", "设置人："),
        ("no station left after ", "已呼叫站点均未接警，上报支队："),
    ]

    /// `火警(fire)` in Chinese, `fire` in English; unknown words as they are.
    public static func label(_ word: String, _ language: Language) -> String {
        guard language == .zh, let zh = chinese[word] else { return word }
        return "\(zh)(\(word))"
    }
}
