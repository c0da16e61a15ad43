/// How frames from GB/T 26875.3 transmission devices over TCP are named in the journal. They share
/// the journal with MQTT messages under a topic no broker delivers (`$`-topics never match a device
/// filter): `$gb26875/{device}/{source address}/{peer}`, where the device is the registry id whose
/// `gb_address` the frame's source address matched, or `unknown-{address}`.
public enum GB26875Topics {
    public static let root = "$gb26875"
    /// The route the pipeline reads them by (device id at level 2, raw bytes).
    public static let filter = "$gb26875/+/+/+"
    public static let deviceLevel = 2

    public static func topic(device: String?, address: String, peer: String) -> String {
        "\(root)/\(device ?? "unknown-\(address)")/\(address)/\(peer)"
    }

    public static func isFrame(_ topic: String) -> Bool { topic.hasPrefix(root + "/") }

    /// The peer level of a frame the centre itself sent (a duty check), journaled as it left; routed
    /// by `downlinkFilter` (ahead of `filter`) to `downlinkEnvelope`, never decoded as the device's.
    public static let centrePeer = "centre"
    public static let downlinkFilter = "$gb26875/+/+/centre"
    public static let downlinkEnvelope = "gb26875-downlink"
}
