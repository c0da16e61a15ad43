import FireWatchCore
import FireWatchDaemon
import FireWatchDecoders
import FireWatchPipeline
import FireWatchStore
import Foundation

/// Decodes journaled messages through today's definitions (`firewatch journal --decode`).
struct JournalDecoder {
    let setup: LoadedSetup
    let router: TopicRouter
    var timeZone: TimeZone { setup.config.timeZone }

    init(configPath: String) throws {
        do { setup = try LoadedSetup.load(configPath: configPath) } catch {
            printError("\(error)")
            throw Exit.badConfig
        }
        // Frames from transmission devices over TCP are journaled under `$gb26875/…` topics.
        router = TopicRouter(setup.config.mqtt.subscriptions + [.init(filter: GB26875Topics.filter, deviceLevel: GB26875Topics.deviceLevel, envelope: "raw")])
    }

    func decode(_ e: JournalEntry) -> [String: JSONValue] {
        guard let id = e.device ?? router.route(e.topic)?.device else { return ["decode_error": "topic matches no subscription"] }
        guard let device = setup.registry[id] else { return ["decode_error": .string("unregistered device \(id)")] }
        guard let def = setup.catalog[device.model] else { return ["decode_error": .string("no definition for \(device.model)")] }
        do {
            let readings = try def.decode(e.payload, device: id, receivedAt: e.receivedAt, timeZone: timeZone)
            let data = try Timestamps.encoder(timeZone: timeZone).encode(readings)
            return ["readings": (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null]
        } catch {
            return ["decode_error": .string("\(error)")]
        }
    }
}
