import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// mqtts:// with a CA file, a client certificate and key, and a username with a password file,
    /// against a mosquitto TLS listener that requires all of them.
    @Suite struct TLSTests {
        @Test func theDaemonIngestsOverTLSWithClientCertificateAndPassword() throws {
            let certsFolder = try TempFolder("certs")
            defer { certsFolder.remove() }
            let certs = try TestCertificates(in: certsFolder)
            let passwd = certsFolder.file("passwd")
            let mkpasswd = try ChildProcess("/usr/bin/mosquitto_passwd", ["-b", "-c", passwd, "firewatchd", "s3cret-pw"])
            #expect(try mkpasswd.waitForExit() == 0)
            try certsFolder.write("mqtt-password", "s3cret-pw\n")
            let tlsPort = try FreePort.find()
            let broker = try TestBroker(extraConfig: """
                listener \(tlsPort) 127.0.0.1
                cafile \(certs.path("ca.crt"))
                certfile \(certs.path("server.crt"))
                keyfile \(certs.path("server.key"))
                require_certificate true
                allow_anonymous false
                password_file \(passwd)
                """)
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations,
                brokerURL: "mqtts://127.0.0.1:\(tlsPort)",
                mqttExtra: [
                    "username: firewatchd", "password_file: \(certsFolder.file("mqtt-password"))",
                    "ca_file: \(certs.path("ca.crt"))", "cert_file: \(certs.path("client.crt"))", "key_file: \(certs.path("client.key"))",
                ])
            defer { daemon.stop(); daemon.folder.remove() }
            // Published on the plain listener, received by the daemon over TLS.
            let dispatches = try broker.subscribe("firewatch/stations/+/dispatch")
            defer { dispatches.stop() }
            try broker.publish(topic: "devices/uitd-t1/up", payload: Fixtures.componentFireAlarm())
            try dispatches.waitFor("firewatch/stations/ms-near/dispatch {")
        }

        @Test func aWrongPasswordIsRefusedAndSaidSo() throws {
            let certsFolder = try TempFolder("certs")
            defer { certsFolder.remove() }
            let passwd = certsFolder.file("passwd")
            #expect(try ChildProcess("/usr/bin/mosquitto_passwd", ["-b", "-c", passwd, "firewatchd", "right"]).waitForExit() == 0)
            try certsFolder.write("mqtt-password", "wrong\n")
            let authPort = try FreePort.find()
            let broker = try TestBroker(extraConfig: """
                listener \(authPort) 127.0.0.1
                allow_anonymous false
                password_file \(passwd)
                """)
            defer { broker.stop() }
            let daemon = try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations,
                brokerURL: "mqtt://127.0.0.1:\(authPort)",
                mqttExtra: ["username: firewatchd", "password_file: \(certsFolder.file("mqtt-password"))"],
                waitUntilReady: false)
            defer { daemon.stop(); daemon.folder.remove() }
            try daemon.process.waitFor("broker refused")
            try Wait.until("readyz 503") { try daemon.get("/readyz").0 == 503 ? true : nil }
            #expect(!daemon.process.text.contains(" notice ready "))
        }
    }
}
