import FireWatchDecoders
import FireWatchPipeline
import Foundation
import Synchronization

/// Ingest's side of "fire alarms first": which device a message is from, its model, and that model's
/// triage (FireWatchDecoders), so each journal row says whether it may carry an emergency. A station's
/// answer is urgent too: a decline pages the next station. Swapped as a whole on reload.
final class IngestTriage: Sendable {
    private struct State: Sendable {
        var models: [String: String]
        var triage: Triage
    }

    private let state: Mutex<State>

    init(_ setup: LoadedSetup) {
        state = Mutex(Self.state(setup))
    }

    func replace(with setup: LoadedSetup) {
        let new = Self.state(setup)
        state.withLock { $0 = new }
    }

    private static func state(_ setup: LoadedSetup) -> State {
        State(
            models: setup.registry.devices.mapValues(\.model),
            triage: Triage(
                catalog: setup.catalog, meteredKinds: setup.config.hazards.electricalKinds,
                residualCurrentMilliamps: setup.config.hazards.residualCurrentMilliamps,
                cableTemperatureCelsius: setup.config.hazards.cableTemperatureCelsius))
    }

    func isUrgent(_ route: (device: String, envelope: String)?, payload: [UInt8], receivedAt: Date) -> Bool {
        guard let route else { return false }
        if route.envelope == StationMessages.ackEnvelope { return true }
        if StationMessages.isStation(route.envelope) { return false }
        let (model, triage) = state.withLock { ($0.models[route.device], $0.triage) }
        guard let model else { return false }
        return triage.isUrgent(model: model, envelope: route.envelope, payload: payload, receivedAt: receivedAt)
    }
}
