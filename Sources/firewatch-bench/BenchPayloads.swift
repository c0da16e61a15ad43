import FireWatchDecoders
import Foundation

/// The traffic a benchmark publishes: unique messages spread over a fleet of registered devices, in
/// each device's own payload format.
struct BenchPayloads {
    enum Kind: String { case raw, chirpstack }

    let kind: Kind
    let devices: Int
    let frames = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let start = Date()
    /// Formatted once: a formatter per message would make the load generator the bottleneck.
    let startText = ISO8601DateFormatter().string(from: Date())

    func deviceID(_ i: Int) -> String {
        switch kind {
        case .raw: String(format: "bench-%05d", i % devices)
        case .chirpstack: String(format: "a84041%010x", i % devices)
        }
    }

    /// Message `i`: unique content (a sequence number inside the payload), device `i mod devices`.
    func message(_ i: Int) -> (topic: String, payload: [UInt8]) {
        let id = deviceID(i)
        switch kind {
        case .raw:
            // A GB/T 26875.3 heartbeat whose serial and time label make it unique.
            var b = frames
            b.serial = UInt16(truncatingIfNeeded: i)
            return ("devices/\(id)/up", b.heartbeat(at: start.addingTimeInterval(Double(i / 65_536))))
        case .chirpstack:
            // A Netvox RA02A status report (battery 2.8 V, 23.5 °C, no alarm) in a ChirpStack v4 uplink.
            let data = Data([0x01, 0x0A, 0x01, 0x1C, 0x00, 0x00, 0x00, 0xEB, 0x00, 0x00, 0x00]).base64EncodedString()
            let json = """
                {"deduplicationId":"\(i)","time":"\(startText)","deviceInfo":{"tenantId":"t","applicationId":"1","deviceProfileName":"RA02A","deviceName":"\(id)","devEui":"\(id)"},"devAddr":"01020304","adr":true,"dr":5,"fCnt":\(i),"fPort":6,"confirmed":false,"data":"\(data)","rxInfo":[{"gatewayId":"0016c001f153a14c","rssi":-\(60 + i % 40),"snr":7.5}]}
                """
            return ("application/1/device/\(id)/event/up", Array(json.utf8))
        }
    }

    /// The registry for firewatchd: every device the traffic names.
    func registry(model: String) -> String {
        var out = ""
        for i in 0..<devices {
            out += """
                - id: \(deviceID(i))
                  model: \(model)
                  location: {lat: \(31.23 + Double(i % 100) * 0.0005), lon: \(121.40 + Double(i / 100 % 100) * 0.0005)}
                  address: "bench \(i)"
                  street: changshoulu
                  community: changshoulu-c01

                """
        }
        return out
    }
}
