import ArgumentParser
import Foundation

/// Exit codes of INTERFACES.md.
enum Exit {
    static let failure = ExitCode(1)
    static let usage = ExitCode(64)
    static let badData = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let badConfig = ExitCode(78)
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
