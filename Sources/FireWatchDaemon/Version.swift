import FireWatchDecoders

/// The FireWatch release.
public enum FireWatchVersion {
    public static let current = "0.1.0"
}

/// An error that names the file and line of a configuration problem.
public protocol SourceErrorDescribing: Error {
    var describedForUser: String { get }
}

extension SourceError: SourceErrorDescribing {
    public var describedForUser: String { description }
}
