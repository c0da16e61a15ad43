import FireWatchCore
import FireWatchDecoders
import Foundation

/// The configuration with everything it points at: definitions, registry and stations, and every
/// problem found in them (each with file:line).
public struct LoadedSetup: Sendable {
    public var config: Configuration
    public var catalog: DefinitionCatalog
    public var registry: DeviceRegistry
    public var stations: StationDirectory
    /// Streets, communities and units (`geography.*`).
    public var geography = GeographyFile()

    /// Problems in referenced files; the daemon runs with the rest, `--check-config` fails on them.
    public var problems: [SourceError] { catalog.problems + geography.problems + registry.problems + stations.problems }

    /// Loads the config at `path` and the files it names. A broken config file itself throws.
    public static func load(configPath path: String) throws(SourceError) -> LoadedSetup {
        let config = try Configuration.load(path: path)
        let catalog = DefinitionCatalog.load(folders: config.definitionFolders)
        let geography = GeographyFile.load(streets: config.geographyPath, units: config.unitsPath)
        let registry = try DeviceRegistry.load(path: config.registryPath, catalog: catalog, geography: geography.geography)
        var stations = try StationDirectory.load(path: config.stationsPath)
        stations.check(against: geography.geography, file: config.stationsPath)
        return LoadedSetup(config: config, catalog: catalog, registry: registry, stations: stations, geography: geography)
    }

    /// One line for logs and `--check-config`.
    public var summary: String {
        "\(config.file): \(catalog.definitions.count) definitions, \(registry.count) devices, "
            + "\(geography.geography.streets.count) streets, \(geography.geography.units.count) units, \(stations.stations.count) stations, broker \(config.mqtt.url), store \(config.sqlitePath), http \(config.httpListen)"
    }
}
