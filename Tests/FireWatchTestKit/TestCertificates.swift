import Foundation

/// A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl.
public struct TestCertificates: Sendable {
    public let folder: TempFolder

    public init(in folder: TempFolder) throws {
        self.folder = folder
        let script = """
            set -e
            cd '\(folder.path)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj '/CN=FireWatch Test CA' 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile server.ext 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj '/CN=firewatchd' 2>/dev/null
            openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2 2>/dev/null
            """
        let sh = try ChildProcess("/bin/sh", ["-c", script])
        guard try sh.waitForExit(seconds: 60) == 0 else { throw Wait.TimedOut(description: "openssl failed: \(sh.text)") }
    }

    public func path(_ name: String) -> String { folder.file(name) }
}
