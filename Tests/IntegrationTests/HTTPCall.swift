import FireWatchTestKit
import Foundation

/// One HTTP request through curl, independent of the daemon's own client code: status and body.
enum HTTPCall {
    /// `bodyFile`: a body too large for one argument (Linux caps one at 128 KiB).
    static func run(
        _ method: String, _ url: String, token: String? = nil, body: String? = nil, bodyFile: String? = nil
    ) throws -> (status: Int, body: String) {
        var args = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, url]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        if let bodyFile { args += ["-H", "Content-Type: application/json", "--data-binary", "@\(bodyFile)"] }
        let curl = try ChildProcess("/usr/bin/curl", args)
        _ = try curl.waitForExit(seconds: 10)
        var lines = curl.text.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }
}
