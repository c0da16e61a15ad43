// libFuzzer entry point for the device decoders (see scripts/fuzz-decoders.sh and docs/DEVICES.md).
// Input layout: byte 0 picks the definition, byte 1 the fPort (0 = none), the rest is the payload.
// Only a trap or a hang is a finding: every decoder must answer with readings or a DecodeError.
import FireWatchCore
import FireWatchDecoders
import Foundation

/// Loaded once per fuzzing process: the definitions under $FIREWATCH_DEVICES (default Devices).
let fuzzDefinitions: [DeviceDefinition] = {
    let folder = ProcessInfo.processInfo.environment["FIREWATCH_DEVICES"] ?? "Devices"
    let catalog = DefinitionCatalog.load(folders: [folder])
    for problem in catalog.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
    let only = ProcessInfo.processInfo.environment["FIREWATCH_FUZZ_MODEL"]
    let definitions = catalog.definitions.values.sorted { $0.id < $1.id }.filter { only == nil || $0.id == only }
    precondition(!definitions.isEmpty, "no definitions to fuzz under \(folder)")
    return definitions
}()

let fuzzTimeZone = TimeZone(identifier: "Asia/Shanghai")!
let fuzzReceivedAt = Date(timeIntervalSince1970: 1_773_472_166)

@_cdecl("LLVMFuzzerTestOneInput")
public func decoderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let definition = fuzzDefinitions[Int(data[0]) % fuzzDefinitions.count]
    let fport: Int? = data[1] == 0 ? nil : Int(data[1])
    let payload = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    do {
        let readings = try definition.decode(payload, device: "fuzz", receivedAt: fuzzReceivedAt, timeZone: fuzzTimeZone, fport: fport)
        precondition(readings.count <= payload.count * 2 + 1, "\(definition.id): \(readings.count) readings from \(payload.count) bytes")
    } catch {
        precondition((0...payload.count).contains(error.offset ?? 0), "\(definition.id): offset outside the payload: \(error)")
    }
    return 0
}
