import Foundation

/// Short, time-ordered identifiers for alarms, dispatches and hazards: `alm-20260314T150926-3f9a2c`.
/// Time first so ids sort by creation and read well in logs; random tail so several daemons never collide.
public enum Identifiers {
    public static func make(prefix: String, at date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        let tail = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(prefix)-\(stamp)-\(String(repeating: "0", count: 8 - tail.count))\(tail)"
    }
}
