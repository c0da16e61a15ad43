import FireWatchCore
import Foundation

/// The encode direction of `builtin: gb26875`: what a UITD sends to say what a sample says. Each kind
/// of object goes in its own `send data` frame, the fire alarm first (the standard wants it ahead of
/// other traffic), back to back in one payload as a TCP gateway forwards them; a sample with nothing
/// to report is a heartbeat.
extension GB26875Decoder {
    public func encode(_ sample: DeviceSample, context: DecodeContext) throws(EncodeError) -> EncodedPayload {
        var builder = GB26875FrameBuilder(timeZone: context.timeZone)
        let analog: GB26875AnalogTypes
        do { analog = try GB26875AnalogTypes(options: context.options) } catch {
            throw EncodeError("gb26875 option \(error)")
        }
        let point = sample.point ?? Point()
        let systemType = UInt8(clamping: point.systemType ?? 1)
        let systemAddress = UInt8(clamping: point.systemAddress ?? 1)
        var frames: [[UInt8]] = []
        func add(_ adu: [UInt8]) {
            frames.append(builder.frame(command: 2, adu: adu, at: sample.at))
            builder.serial &+= 1
        }
        let manual = sample.has(.manualAlarm, channel: nil)
        // A manual alarm is a call point (type 23) in fire alarm: the decoder reports both events.
        let componentWord = Self.word(sample, GB26875StateWords.component) | (manual ? GB26875FrameBuilder.StateBit.fireAlarm : 0)
        if componentWord != 0 {
            let object = GB26875FrameBuilder.ComponentState(
                systemType: systemType, systemAddress: systemAddress,
                componentType: UInt8(clamping: point.componentType ?? (manual ? 23 : 40)),
                zone: UInt16(clamping: point.zone ?? 1), position: UInt16(clamping: point.position ?? 1),
                state: componentWord, description: Array((point.description ?? "").utf8))
            frames.append(builder.componentStates([object], at: sample.at))
            builder.serial &+= 1
        }
        let systemOnly = GB26875StateWords.system.filter { entry in !GB26875StateWords.component.contains { $0.event == entry.event } }
        let systemWord = Self.word(sample, systemOnly)
        if systemWord != 0 {
            add([1, 1, systemType, systemAddress] + GB26875FrameBuilder.le(systemWord) + builder.timeLabel(sample.at))
        }
        let operations = Self.word(sample, GB26875StateWords.systemOperation.filter { $0.event != .reset && $0.event != .manualAlarm })
        if operations != 0 {
            add([4, 1, systemType, systemAddress, UInt8(truncatingIfNeeded: operations), 0] + builder.timeLabel(sample.at))
        }
        let uitdWord = Self.word(sample, GB26875StateWords.uitd.filter { [.channelFault, .lineFault].contains($0.event) })
        if uitdWord != 0 { add([21, 1, UInt8(truncatingIfNeeded: uitdWord)] + builder.timeLabel(sample.at)) }
        var objects: [[UInt8]] = []
        for (metric, value) in sample.metrics.sorted(by: { $0.key < $1.key }) {
            guard let (type, mapping) = analog.type(for: metric) else { continue }
            let raw = Int16(clamping: Int((value / mapping.scale).rounded()))
            objects.append(
                [systemType, systemAddress, UInt8(clamping: point.componentType ?? 18)]
                    + GB26875FrameBuilder.le(UInt16(clamping: point.zone ?? 1)) + GB26875FrameBuilder.le(UInt16(clamping: point.position ?? 1))
                    + [type] + GB26875FrameBuilder.le(UInt16(bitPattern: raw)) + builder.timeLabel(sample.at))
        }
        if !objects.isEmpty { add([3, UInt8(objects.count)] + objects.flatMap { $0 }) }
        if frames.isEmpty { frames.append(builder.heartbeat(at: sample.at)) }
        return EncodedPayload(bytes: frames.flatMap { $0 })
    }

    /// The state or operation word whose set bits are the sample's channel-less events.
    private static func word(_ sample: DeviceSample, _ table: [(bit: Int, event: EventType)]) -> UInt16 {
        table.filter { sample.has($0.event, channel: nil) }.reduce(0) { $0 | 1 << UInt16($1.bit) }
    }
}
