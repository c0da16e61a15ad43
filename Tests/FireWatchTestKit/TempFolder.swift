import Foundation

/// A fresh folder under the system temp dir, removed on `remove()`.
public struct TempFolder: Sendable {
    public let path: String

    public init(_ label: String = "firewatch") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Paths of the repository and its build products, found from this source file and the test binary.
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The folder holding the built executables (next to the test bundle).
    public static var productsFolder: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // swift-testing on Linux runs FireWatchPackageTests.xctest; its folder holds the products.
        if folder.lastPathComponent.hasSuffix(".xctest") { folder.deleteLastPathComponent() }
        let candidate = folder.appendingPathComponent("firewatchd").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return folder.path }
        return (root as NSString).appendingPathComponent(".build/debug")
    }

    public static func executable(_ name: String) -> String {
        (productsFolder as NSString).appendingPathComponent(name)
    }
}
