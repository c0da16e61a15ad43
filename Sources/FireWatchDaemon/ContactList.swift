import FireWatchCore
import FireWatchDecoders
import Foundation

/// A list of people (`responsible` of a unit, `contacts` of a street, community or device):
/// `[{name, phone, role}]`, each checked with its file and line.
enum ContactList {
    /// The roles of registry `contacts` (INTERFACES.md).
    static let deviceRoles: Set<String> = ["household", "property", "community", "unit"]

    /// The list under `key` of `m`; with `roles`, each entry names one of them and a phone.
    static func load(_ m: YAMLMapping, _ key: String, roles: Set<String>? = nil) throws(SourceError) -> [Contact] {
        try m[key]?.list().map { (p) throws(SourceError) -> Contact in
            let pm = try p.mapping(allowed: ["name", "phone", "role"])
            let phone = try pm.optionalString("phone")
            if let phone, !phone.allSatisfy({ $0.isNumber || $0 == "+" || $0 == "-" || $0 == " " }) || phone.isEmpty {
                throw pm.error(at: "phone", "phone \"\(phone)\" must be digits (with +, - or spaces)")
            }
            let role = try pm.optionalString("role")
            if let roles {
                guard let role, roles.contains(role) else {
                    throw pm.error(at: "role", "role must be one of \(roles.sorted().joined(separator: ", ")), not \"\(role ?? "")\"")
                }
                guard phone != nil else { throw pm.error(at: "name", "a contact has a phone: phone: \"138...\"") }
            }
            return Contact(name: try pm.string("name"), phone: phone, role: role)
        } ?? []
    }
}
