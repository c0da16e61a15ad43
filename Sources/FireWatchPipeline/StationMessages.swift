import FireWatchCore
import FireWatchDispatch
import Foundation

/// What stations send (`{prefix}/stations/{id}/ack` and `/status`, INTERFACES.md). They are journaled
/// like device messages, so every answer is auditable and replayed after a crash.
public enum StationMessages {
    public static let ackEnvelope = "station-ack"
    public static let statusEnvelope = "station-status"

    public static func isStation(_ envelope: String) -> Bool { envelope == ackEnvelope || envelope == statusEnvelope }

    /// `{"dispatch_id": "...", "status": "accepted|declined|on_scene|resolved", "cause": "...", "note": "..."}`
    struct Ack: Decodable {
        var dispatchID: String?
        var alarmID: String?
        var status: StationAnswer
        var cause: AlarmResolution?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case dispatchID = "dispatch_id", alarmID = "alarm_id", status, cause, note
        }
    }

    /// `{"status": "available|busy|out_of_service"}`
    struct Status: Decodable {
        var status: Station.Status
    }

    static func decode<T: Decodable>(_ type: T.Type, _ payload: [UInt8]) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload))
    }
}
