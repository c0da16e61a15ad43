import Foundation

/// Waits for a condition with a deadline instead of sleeping for a fixed time.
public enum Wait {
    public struct TimedOut: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Polls `condition` every `interval` until it returns a value or `seconds` pass.
    @discardableResult
    public static func until<T>(
        _ what: @autoclosure () -> String, seconds: Double = 20, interval: Double = 0.05, _ condition: () throws -> T?
    ) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var lastError: (any Error)?
        while Date() < deadline {
            do { if let v = try condition() { return v } } catch { lastError = error }
            Thread.sleep(forTimeInterval: interval)
        }
        throw TimedOut(description: "timed out after \(seconds) s waiting for \(what())\(lastError.map { " (last error: \($0))" } ?? "")")
    }
}
