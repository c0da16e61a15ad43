import ArgumentParser
import FireWatchCore
import FireWatchDecoders
import Foundation

/// `firewatch decode --model VENDOR/MODEL (--hex H | --base64 B | --json TEXT | --file F) ...`
/// With `--envelope chirpstack|tts` the input is a network server's uplink message: the device bytes,
/// fPort, device id, receive time and signal come out of it (flags given explicitly win).
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decode one payload; print each normalized reading as a JSON line.")
    @Option(help: "vendor/model of a definition.") var model: String
    @Option(help: "Payload as hex.") var hex: String?
    @Option(help: "Payload as base64.") var base64: String?
    @Option(help: "Payload as JSON text.") var json: String?
    @Option(help: "Payload from a file (raw bytes).") var file: String?
    @Option(help: "LoRaWAN fPort (default: the envelope's).") var fport: Int?
    @Option(help: "Device id to put in readings (default: the envelope's, else \"cli\").") var device: String?
    @Option(help: "Envelope around the payload: raw, chirpstack or tts.") var envelope = "raw"
    @Option(help: "Definitions folder.") var devices = "Devices"
    @Option(help: "Timezone of device clocks that send local time.") var timezone = "Asia/Shanghai"

    func run() throws {
        guard let tz = TimeZone(identifier: timezone) else { printError("unknown timezone \(timezone)"); throw Exit.usage }
        guard Envelope.kinds.contains(envelope) else {
            printError("unknown envelope \(envelope) (known: \(Envelope.kinds.joined(separator: ", ")))")
            throw Exit.usage
        }
        let inputs = [hex, base64, json, file].compactMap { $0 }
        guard inputs.count == 1 else { printError("give exactly one of --hex, --base64, --json, --file"); throw Exit.usage }
        let bytes: [UInt8]
        if let hex {
            guard let b = PayloadText.hexBytes(hex) else { printError("\(model): --hex is not valid hex"); throw Exit.badData }
            bytes = b
        } else if let base64 {
            guard let d = Data(base64Encoded: base64) else { printError("\(model): --base64 is not valid base64"); throw Exit.badData }
            bytes = Array(d)
        } else if let json {
            bytes = Array(json.utf8)
        } else {
            guard let d = FileManager.default.contents(atPath: file!) else { printError("cannot read \(file!)"); throw Exit.usage }
            bytes = Array(d)
        }
        let catalog = DefinitionCatalog.load(folders: [devices])
        guard let def = catalog[model] else {
            for p in catalog.problems { printError("\(p)") }
            printError("no definition \"\(model)\" under \(devices)")
            throw Exit.usage
        }
        do {
            let message = try Envelope.unwrap(envelope, payload: bytes, receivedAt: Date())
            let readings = message.applyingSignal(to: try def.decode(
                message.bytes, device: device ?? message.deviceID ?? "cli", receivedAt: message.receivedAt, timeZone: tz,
                fport: fport ?? message.fport))
            let encoder = Timestamps.encoder(timeZone: tz)
            for r in readings { print(String(decoding: try encoder.encode(r), as: UTF8.self)) }
        } catch let error as DecodeError {
            printError("\(model): \(error)")
            throw Exit.badData
        }
    }
}
