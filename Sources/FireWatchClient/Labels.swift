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

    /// `火警(fire)` in Chinese, `fire` in English; unknown words as they are.
    public static func label(_ word: String, _ language: Language) -> String {
        guard language == .zh, let zh = chinese[word] else { return word }
        return "\(zh)(\(word))"
    }
}
