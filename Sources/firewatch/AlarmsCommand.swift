import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch alarms list|show|acknowledge|confirm|resolve`: a thin client of the HTTP API.
struct Alarms: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Alarms (警情): list, show, and the operator actions.",
        subcommands: [List.self, Show.self, Acknowledge.self, Confirm.self, Resolve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open alarms (or all with --all), newest first.")
        @OptionGroup var api: APIOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            guard let data = try await list.fetch("/api/v1/alarms", api) else { return }
            guard let alarms = try? Timestamps.decoder().decode([Alarm].self, from: data) else {
                printError("firewatch: the server's alarm list is not the API's shape")
                throw Exit.failure
            }
            print(AlarmText(language: api.language).alarmTable(alarms))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One alarm with its history and dispatches.")
        @OptionGroup var api: APIOptions
        @Argument(help: "Alarm id.") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let path = "/api/v1/alarms/\(ServerAddress.segment(id))"
            if json { return printJSON(try await api.call { client throws(APIClientError) in try await client.get(path) }) }
            let (alarm, dispatches) = try await api.call { client throws(APIClientError) in
                (try await client.get(Alarm.self, path), try await client.get([DispatchOrder].self, path + "/dispatches"))
            }
            print(AlarmText(language: api.language).alarmDetail(alarm, dispatches: dispatches))
        }
    }

    /// What every action takes: the alarm, who, and a note.
    struct ActionOptions: ParsableArguments {
        @OptionGroup var api: APIOptions
        @Argument(help: "Alarm id.") var id: String
        @Option(help: "Who acts (default: the token's name).") var by: String?
        @Option(help: "A note for the alarm's history.") var note: String?
        @Flag(help: "Print the updated alarm as JSON.") var json = false

        func send(_ kind: AlarmAction.Kind, cause: AlarmResolution? = nil) async throws {
            var body: [String: JSONValue] = [:]
            if let by { body["by"] = .string(by) }
            if let note { body["note"] = .string(note) }
            if let cause { body["cause"] = .string(cause.rawValue) }
            let path = "/api/v1/alarms/\(ServerAddress.segment(id))/\(kind.rawValue)"
            let data = try await api.call { client throws(APIClientError) in try await client.post(path, json: body) }
            if json { return printJSON(data) }
            guard let alarm = try? Timestamps.decoder().decode(Alarm.self, from: data) else { return printJSON(data) }
            print(AlarmText(language: api.language).alarmTable([alarm]))
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The operator has seen the alarm (确认收到).")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.acknowledge) }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The alarm is verified real (核实).")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.send(.confirm) }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the alarm with its cause (处置完毕).")
        @OptionGroup var action: ActionOptions
        @Option(help: "fire, false_alarm, test, nuisance or device_fault (default: fire when confirmed, else false_alarm).")
        var cause: String?

        func validate() throws {
            if let cause, AlarmResolution(rawValue: cause) == nil {
                throw ValidationError("--cause must be one of \(AlarmResolution.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws { try await action.send(.resolve, cause: cause.flatMap(AlarmResolution.init(rawValue:))) }
    }
}
