import FireWatchCore
import FireWatchDecoders
import Foundation

extension Pipeline {
    /// The setup the pipeline runs on now (stations with their live status).
    public func currentSetup() -> LoadedSetup {
        var s = setup
        s.stations = StationDirectory(stations: core.stations)
        return s
    }

    /// Swaps in a reloaded setup between two steps (the actor makes it atomic). Stations that already
    /// exist keep their live status; new ones start with the file's status.
    public func reload(_ new: LoadedSetup) {
        setup = new
        core.reload(
            settings: Self.settings(new), catalog: new.catalog, devices: new.registry.devices,
            stations: new.stations.stations, now: clock.now())
    }
}
