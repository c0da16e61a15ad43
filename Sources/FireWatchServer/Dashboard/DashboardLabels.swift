import FireWatchCore
import Foundation

/// The dashboard's words in Chinese and English, sent to the page as `window.FW_LABELS`. Kinds, states
/// and device events come from the vocabulary's own Chinese names (FireWatchCore); JSON stays English.
enum DashboardLabels {
    /// `window.FW_LABELS = {...};`
    static let script: String = {
        var labels: [String: JSONValue] = [
            "kind": table(AlarmKind.allCases.map { ($0.rawValue, $0.chinese) }),
            "state": table(AlarmState.allCases.map { ($0.rawValue, $0.chinese) }),
            "event": table(EventType.allCases.map { ($0.rawValue, $0.chinese) }),
            "feed": table(feedTypes),
            "severity": table([("critical", "紧急"), ("major", "重要"), ("minor", "一般")]),
            "station": table([("available", "可出动"), ("busy", "出警中"), ("out_of_service", "停用")]),
            "resolution": table([("fire", "真实火情"), ("false_alarm", "误报"), ("test", "测试"), ("nuisance", "干扰报警"), ("device_fault", "设备故障")]),
            "grade": table([("green", "绿"), ("yellow", "黄"), ("orange", "橙"), ("red", "红")]),
            "hazard_kind": table(HazardKind.allCases.map { ($0.rawValue, $0.chinese) }),
            "hazard_state": table([("open", "待整改"), ("rectified", "已整改待核查"), ("closed", "已销号")]),
        ]
        labels["patrol_kinds"] = .array(HazardKind.patrolKinds.map { .string($0.rawValue) })
        labels["max_photos"] = .number(Double(HazardPhoto.maxPerRequest))
        labels["ui"] = .object([
            "zh": .object(ui.mapValues { .string($0.zh) }),
            "en": .object(ui.mapValues { .string($0.en) }),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(JSONValue.object(labels))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "window.FW_LABELS = \(json);\n"
    }()

    static let feedTypes: [(String, String)] = FeedEventType.allCases.map { ($0.rawValue, $0.chinese) }

    /// `{"fire": {"zh": "火警", "en": "fire"}, ...}`; English is the JSON name with spaces.
    static func table(_ pairs: [(String, String)]) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for (key, zh) in pairs {
            let en = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ".", with: " ")
            out[key] = .object(["zh": .string(zh), "en": .string(en)])
        }
        return .object(out)
    }

    /// Words of the page itself, by key.
    static let ui: [String: (zh: String, en: String)] = [
        "title": ("消防物联监控", "FireWatch"),
        "alarms": ("未处置警情", "Open alarms"),
        "map": ("辖区地图", "District map"),
        "index": ("街镇隐患指数", "Hazard index by street"),
        "feed": ("实时事件", "Live events"),
        "kind": ("类型", "Kind"),
        "state": ("状态", "State"),
        "device": ("设备", "Device"),
        "address": ("地址", "Address"),
        "street": ("街镇", "Street"),
        "station": ("派往", "Station"),
        "age": ("时长", "Age"),
        "actions": ("操作", "Actions"),
        "acknowledge": ("确认收到", "Acknowledge"),
        "confirm": ("核实火情", "Confirm"),
        "resolve": ("处置完毕", "Resolve"),
        "acknowledged": ("已确认收到", "acknowledged"),
        "confirmed": ("已核实", "confirmed"),
        "cleared": ("已恢复", "cleared"),
        "no_alarms": ("当前没有未处置警情", "No open alarms"),
        "index_unavailable": ("隐患指数暂不可用：隐患模块尚未启用", "Hazard index not available yet: no hazard pipeline"),
        "index_empty": ("暂无隐患指数", "No hazard index yet"),
        "score": ("指数", "Score"),
        "grade": ("等级", "Grade"),
        "devices": ("设备数", "Devices"),
        "open_hazards": ("隐患", "Hazards"),
        "overdue": ("逾期", "Overdue"),
        "open_fire_alarms": ("火警", "Fire alarms"),
        "live": ("实时连接", "live"),
        "offline": ("连接中断，重连中", "reconnecting"),
        "role_viewer": ("只读", "viewer"),
        "role_operator": ("值班员", "operator"),
        "token_prompt": ("请输入访问令牌（token）", "Enter your access token"),
        "token_needed": ("需要访问令牌：在地址后加 #token=… 或刷新后输入", "A token is needed: add #token=… to the address or reload and enter one"),
        "legend_device": ("设备", "device"),
        "legend_alarm": ("警情", "alarm"),
        "legend_station": ("微型消防站", "micro station"),
        "km": ("公里", "km"),
        "failed": ("操作失败", "Action failed"),
        "cause": ("原因", "Cause"),
        "role_inspector": ("巡查员", "inspector"),
        "role_station": ("微型消防站", "station"),
        "hazards": ("隐患清单", "Hazards"),
        "community": ("居委", "Community"),
        "unit": ("单位", "Unit"),
        "all": ("全部", "all"),
        "due": ("整改期限", "Due"),
        "assignee": ("责任人", "Assignee"),
        "photos": ("照片", "Photos"),
        "description": ("情况描述", "Description"),
        "only_overdue": ("只看逾期", "Overdue only"),
        "no_hazards": ("没有符合条件的隐患", "No hazards match"),
        "patrol": ("巡查上报隐患", "Report a patrol hazard"),
        "submit": ("上报", "Report"),
        "rectify": ("整改完成", "Rectified"),
        "close": ("核查销号", "Verify & close"),
        "note_prompt": ("请填写整改情况（必填）", "What was done (required)"),
        "close_prompt": ("核查说明（可选）", "Verification note (optional)"),
        "reported": ("已上报", "Reported"),
        "rectified_by": ("整改人", "rectified by"),
        "opened_by": ("发现人", "found by"),
        "too_many_photos": ("照片最多", "At most this many photos:"),
        "source_patrol": ("巡查", "patrol"),
        "source_sensor": ("传感器", "sensor"),
        "station_title": ("微型消防站值班", "Station duty"),
        "no_dispatch": ("当前没有派警任务，保持待命", "No dispatch now: stand by"),
        "new_dispatch": ("新派警！", "New dispatch!"),
        "distance": ("距离", "Distance"),
        "eta": ("预计到场", "ETA"),
        "deadline": ("应答时限", "Answer by"),
        "accepted": ("接警出动", "Accept"),
        "declined": ("无法出动", "Decline"),
        "on_scene": ("已到场", "On scene"),
        "resolved": ("处置完毕", "Resolved"),
        "history": ("处置记录", "History"),
        "answered": ("已应答", "Answered"),
        "seconds": ("秒", "s"),
        "meters": ("米", "m"),
        "sound_on": ("开启提示音", "Sound on"),
        "not_station": ("此页面需要微型消防站令牌（role: station）", "This page needs a station token (role: station)"),
    ]
}
