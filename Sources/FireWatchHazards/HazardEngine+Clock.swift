import FireWatchCore
import Foundation

extension HazardEngine {
    /// Checks one message's readings against the time it was received (the daemon's clock, not the
    /// device's nor the network server's). Readings dated more than `clockAheadToleranceSeconds` ahead
    /// take the receive time and open the device's `device_clock` hazard; a message whose readings
    /// agree with the receive time again closes it. Readings dated in the past are left alone: a device
    /// may send what it stored while it was out of reach.
    public mutating func checkClock(
        _ readings: [Reading], of device: Device, receivedAt: Date, now: Date, makeID: (String) -> String
    ) -> (readings: [Reading], changes: [HazardEngineChange]) {
        let latest = receivedAt.addingTimeInterval(policy.clockAheadToleranceSeconds)
        guard let ahead = readings.lazy.map(\.at).max(), ahead > latest else {
            guard !readings.isEmpty, hazards.hasOpen(device: device.id) else { return (readings, []) }
            let key = Hazard.episodeKey(device: device.id, point: nil, kind: .deviceClock)
            guard let closed = hazards.close(key, now: now, by: "device", why: "device time agrees with the receive time again") else {
                return (readings, [])
            }
            return (readings, [.hazardClosed(closed)])
        }
        let utc = TimeZone(secondsFromGMT: 0)!
        let why = String(
            format: "device time %@ is %.0f s ahead of the receive time %@; its readings take the receive time",
            Timestamps.string(ahead, in: utc), ahead.timeIntervalSince(receivedAt), Timestamps.string(receivedAt, in: utc))
        let corrected = readings.map { reading in
            var r = reading
            if r.at > latest { r.at = receivedAt }
            return r
        }
        return (corrected, raise(.deviceClock, of: device, point: nil, now: now, by: "device:\(device.id)", why: why, makeID: makeID))
    }
}
