import FireWatchCore
import FireWatchDecoders
import Foundation

extension Pipeline {
    /// The setup the pipeline runs on now.
    public func currentSetup() -> LoadedSetup {
        LoadedSetup(config: config, catalog: catalog, registry: registry, stations: StationDirectory(stations: stations))
    }

    /// Swaps in a reloaded setup between two batches (the actor makes it atomic). Stations that
    /// already exist keep their live status; new ones start with the file's status.
    public func reload(_ setup: LoadedSetup) {
        let live = Dictionary(stations.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        stations = setup.stations.stations.map { s in
            var s = s
            if let status = live[s.id] { s.status = status }
            return s
        }
        catalog = setup.catalog
        registry = setup.registry
        config = setup.config
        encoder = Timestamps.encoder(timeZone: config.timeZone)
        engine.setFleet(Self.profiles(registry, catalog), now: clock.now())
    }
}
