import ArgumentParser
import FireWatchClient
import Foundation

/// `--server`, `--token` and `--lang` of the commands that talk to the daemon's HTTP API.
struct APIOptions: ParsableArguments {
    @Option(help: "Daemon HTTP address (default $FIREWATCH_SERVER, else http://127.0.0.1:8080).") var server: String?
    @Option(help: "API token (default $FIREWATCH_TOKEN).") var token: String?
    @Option(help: "Language of readable output: zh or en (default from $LANG).") var lang: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The server to talk to; a malformed `--server` is a usage error.
    func address() throws -> ServerAddress {
        let address = ServerAddress.resolve(server: server, token: token, environment: environment)
        guard address.isValid else { printError(APIClientError.badServer(address.base).description); throw Exit.usage }
        return address
    }

    var language: Language { Language.resolve(flag: lang, environment: environment) }

    func validate() throws {
        if let lang, !["zh", "en"].contains(lang.lowercased().prefix(2)) { throw ValidationError("--lang must be zh or en") }
    }

    /// Runs one API call; failures print one line and exit with the code of INTERFACES.md.
    func call<T>(_ body: (APIClient) async throws(APIClientError) -> T) async throws -> T {
        let client = APIClient(server: try address())
        do { return try await body(client) } catch {
            printError("firewatch: \(error)")
            throw ExitCode(error.exitCode)
        }
    }
}

/// `--all`, `--street`, `--json` of the list commands.
struct ListOptions: ParsableArguments {
    @Flag(help: "Closed ones too, not only the open.") var all = false
    @Option(help: "Only this street id.") var street: String?
    @Flag(help: "Print the API's JSON.") var json = false

    /// `state=open|all&street=S`.
    var query: String {
        "state=\(all ? "all" : "open")" + (street.map { "&street=\(ServerAddress.segment($0))" } ?? "")
    }

    /// GETs the list at `path`; with `--json` prints it as it came and returns nil.
    func fetch(_ path: String, _ api: APIOptions) async throws -> Data? {
        let data = try await api.call { client throws(APIClientError) in try await client.get(path, query: query) }
        if json {
            printJSON(data)
            return nil
        }
        return data
    }
}

/// Prints a JSON body as it came.
func printJSON(_ data: Data) {
    FileHandle.standardOutput.write(data)
    if data.last != 0x0A { FileHandle.standardOutput.write(Data([0x0A])) }
}
