import Foundation

/// A program started by a test, with its output collected so tests can wait for a line.
public final class ChildProcess: Sendable {
    let process: Process
    let output = LockedText()
    public let command: String

    /// Starts `executable` with `arguments`; stdout and stderr are collected together.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { p.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        command = ([executable] + arguments).joined(separator: " ")
        process = p
        let sink = output
        let reading = pipe.fileHandleForReading
        // The test runner's threads block most signals and a spawned child inherits that mask, so
        // SIGTERM would never reach it. Spawn with an empty mask, then restore ours.
        var empty = sigset_t(), saved = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try p.run()
        // A thread of its own reads until end of file with blocking reads: Foundation's
        // readabilityHandler stopped calling back on Linux partway through a 90 kB output (56 kB read).
        let reader = Thread {
            var pending = Data()
            while true {
                let data = reading.availableData
                if data.isEmpty { break }
                pending.append(data)
                // Whole UTF-8 sequences only: keep a split character's first bytes for the next read.
                var cut = pending.count
                while cut > 0, cut > pending.count - 4, pending[pending.startIndex + cut - 1] & 0xC0 == 0x80 { cut -= 1 }
                if cut > 0, pending[pending.startIndex + cut - 1] >= 0xC0 { cut -= 1 }
                if cut == 0 { continue }
                sink.append(String(decoding: pending.prefix(cut), as: UTF8.self))
                pending = Data(pending.dropFirst(cut))
            }
            if !pending.isEmpty { sink.append(String(decoding: pending, as: UTF8.self)) }
            sink.finish()
        }
        reader.name = "child-output"
        reader.start()
    }

    public var text: String { output.value }
    public var isRunning: Bool { process.isRunning }
    public var pid: Int32 { process.processIdentifier }
    public var exitCode: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// Waits until the output contains `needle`; returns the whole output so far.
    @discardableResult
    public func waitFor(_ needle: String, seconds: Double = 20) throws -> String {
        try Wait.until("\"\(needle)\" from \(command)\n--- output so far:\n\(self.text)", seconds: seconds) {
            let t = text
            return t.contains(needle) ? t : nil
        }
    }

    /// Sends `signal` and waits for the exit; returns the exit status. After `seconds` it is killed.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, seconds: Double = 15) -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        _ = try? Wait.until("exit of \(command)", seconds: seconds) { process.isRunning ? nil : true }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Waits for the program to exit by itself, and for the last of its output to be read (the
    /// reader runs apart: right after the exit, `text` could still miss the end, or all of it).
    public func waitForExit(seconds: Double = 20) throws -> Int32 {
        try Wait.until("exit of \(command)", seconds: seconds) { process.isRunning ? nil : true }
        _ = try? Wait.until("the end of the output of \(command)", seconds: 5) { output.isFinished ? true : nil }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Text appended from a reader thread and read by the test.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    private var finished = false

    func append(_ more: String) { lock.withLock { text += more } }
    var value: String { lock.withLock { text } }
    /// The writer closed its end and everything was read.
    func finish() { lock.withLock { finished = true } }
    var isFinished: Bool { lock.withLock { finished } }
}
