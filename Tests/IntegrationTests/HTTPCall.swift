import FireWatchTestKit
import Foundation

/// One HTTP request through curl, independent of the daemon's own client code: status and body.
enum HTTPCall {
    static func run(_ method: String, _ url: String, token: String? = nil, body: String? = nil) throws -> (status: Int, body: String) {
        var args = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, url]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let curl = try ChildProcess("/usr/bin/curl", args)
        _ = try curl.waitForExit(seconds: 10)
        var lines = curl.text.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }
}
