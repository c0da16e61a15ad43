import Foundation

/// A photo of a hazard taken on patrol or when rectifying it: JPEG or PNG, kept in the store with the
/// hazard and served back to viewers (`GET /api/v1/hazards/{id}/photos/{n}`).
public struct HazardPhoto: Hashable, Sendable {
    public var hazardID: String
    /// 0-based, in the order taken; the hazard's `photos` lists `"{hazard id}/{n}"`.
    public var index: Int
    public var contentType: ContentType
    public var data: Data

    public enum ContentType: String, CaseIterable, Hashable, Sendable {
        case jpeg = "image/jpeg", png = "image/png"

        /// What the bytes are, by their signature (a declared type is never trusted alone).
        public init?(sniffing data: Data) {
            if data.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else { return nil }
        }
    }

    /// Photos one hazard may carry, opening and rectifying together.
    public static let maxCount = 8
    /// Photos one request may carry (the request body's bound follows from it).
    public static let maxPerRequest = 4
    /// Bytes of one photo (a phone photo at 1–2 MB fits; a raw camera file does not).
    public static let maxBytes = 2 << 20
    /// The largest request body that can carry `maxPerRequest` photos in base64, plus the fields.
    /// (With room for JSON writers that escape `/` as `\/`.)
    public static let maxRequestBytes = maxPerRequest * ((maxBytes + 2) / 3 * 4) * 21 / 20 + 64 * 1024

    public var id: String { "\(hazardID)/\(index)" }

    public init(hazardID: String, index: Int, contentType: ContentType, data: Data) {
        self.hazardID = hazardID
        self.index = index
        self.contentType = contentType
        self.data = data
    }

    /// Checks one uploaded photo: a declared type of JPEG or PNG, bytes that are what it says, within
    /// `maxBytes`. The message says which photo and what is wrong.
    public static func validated(declared: String, base64: String, position: Int) throws(PhotoError) -> PhotoUpload {
        guard let type = ContentType(rawValue: declared) else {
            throw PhotoError("photo \(position): content_type must be image/jpeg or image/png, not \"\(declared)\"")
        }
        guard base64.utf8.count <= (maxBytes / 3 + 1) * 4 + 4 else {
            throw PhotoError("photo \(position): larger than \(maxBytes) bytes (\(maxBytes >> 20) MiB)")
        }
        guard let data = Data(base64Encoded: base64), !data.isEmpty else {
            throw PhotoError("photo \(position): data_base64 is not base64")
        }
        guard data.count <= maxBytes else { throw PhotoError("photo \(position): \(data.count) bytes, larger than \(maxBytes) bytes (\(maxBytes >> 20) MiB)") }
        guard let actual = ContentType(sniffing: data) else {
            throw PhotoError("photo \(position): the bytes are not a JPEG or PNG image")
        }
        guard actual == type else {
            throw PhotoError("photo \(position): declared \(type.rawValue) but the bytes are \(actual.rawValue)")
        }
        return PhotoUpload(contentType: type, data: data)
    }
}

/// A checked photo not yet stored: what it is and its bytes.
public struct PhotoUpload: Hashable, Sendable {
    public var contentType: HazardPhoto.ContentType
    public var data: Data

    public init(contentType: HazardPhoto.ContentType, data: Data) {
        self.contentType = contentType
        self.data = data
    }
}

/// Why an uploaded photo was refused (HTTP 400).
public struct PhotoError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
