import FireWatchCore
import Foundation

extension HazardEngine {
    /// A drill's alarm (联勤联训) enters the book like any open alarm, so a station answers it as usual;
    /// its episode key is its own (nothing folds into it) and the index, coincidence and the false-alarm
    /// count pass it over.
    public mutating func openDrill(_ alarm: Alarm) {
        precondition(alarm.isDrill, "openDrill takes only a drill's alarm")
        alarms.put(alarm)
    }
}
