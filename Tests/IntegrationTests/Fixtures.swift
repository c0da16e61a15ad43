import FireWatchCore
import FireWatchDecoders
import Foundation

/// A small district for integration tests: one building with two UITDs and one next door, and stations placed so the
/// nearest one is busy and the next nearest is out of service.
enum Fixtures {
    static let device = "uitd-t1"
    static let building = GeoPoint(lat: 31.2400, lon: 121.4300)

    static let registry = """
        - id: uitd-t1
          model: gb26875/uitd
          location: {lat: 31.2400, lon: 121.4300}
          address: "长寿路 100 号 3 号楼"
          street: changshoulu
          community: changshoulu-c01
          building: b-100-3
        - id: uitd-t2
          model: gb26875/uitd
          location: {lat: 31.2401, lon: 121.4301}
          address: "长寿路 100 号 3 号楼 B1"
          street: changshoulu
          community: changshoulu-c01
          building: b-100-3
        - id: uitd-t3
          model: gb26875/uitd
          location: {lat: 31.2399, lon: 121.4299}
          address: "长寿路 102 号"
          street: changshoulu
          community: changshoulu-c01
          building: b-102
        - id: a840410001020304
          model: netvox/ra02a
          location: {lat: 31.2402, lon: 121.4302}
          address: "长寿路 100 号 5 号楼 2 楼厨房"
          street: changshoulu
          community: changshoulu-c01
          building: b-100-5
        """

    /// Offsets north of the building: 0.001° latitude ≈ 111 m.
    static let stations = """
        - id: ms-busy
          name: 最近但出警中
          street: changshoulu
          kind: community
          location: {lat: 31.2410, lon: 121.4300}
          status: busy
        - id: ms-oos
          name: 停用
          street: changshoulu
          kind: community
          location: {lat: 31.2415, lon: 121.4300}
          status: out_of_service
        - id: ms-near
          name: 最近可用
          street: changshoulu
          kind: key_unit
          location: {lat: 31.2430, lon: 121.4300}
          status: available
        - id: ms-far
          name: 较远可用
          street: changshoulu
          kind: community
          location: {lat: 31.2500, lon: 121.4300}
          status: available
        - id: ms-farther
          name: 更远可用
          street: caoyangxincun
          kind: community
          location: {lat: 31.2600, lon: 121.4300}
          status: available
        """

    static let frames = GB26875FrameBuilder(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    /// A component fire alarm from a smoke detector (type 40) at zone/position.
    static func componentFireAlarm(zone: UInt16 = 3, position: UInt16 = 12, at date: Date = Date()) -> [UInt8] {
        frames.componentStates(
            [.init(componentType: 40, zone: zone, position: position, state: GB26875FrameBuilder.StateBit.fireAlarm,
                   description: Array("3F east corridor".utf8))],
            at: date)
    }

    /// A Netvox RA02A status report with the fire alarm byte set, as ChirpStack v4 publishes it.
    static func loraSmokeAlarm(devEui: String = "a840410001020304", at date: Date = Date()) -> (topic: String, payload: [UInt8]) {
        let frame: [UInt8] = [0x01, 0x0A, 0x01, 0x1C, 0x01, 0x00, 0x00, 0xEB, 0x00, 0x00, 0x00]
        return ("application/7/device/\(devEui)/event/up",
                Envelope.wrap("chirpstack", bytes: frame, fport: 6, deviceID: devEui, at: date, rssi: -97))
    }
}
