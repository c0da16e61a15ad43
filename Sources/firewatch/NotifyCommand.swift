import ArgumentParser
import FireWatchClient
import FireWatchCore
import Foundation

/// `firewatch notify list|retry`: the outbox's deliveries and dead letters (`GET /api/v1/notify`,
/// `POST /api/v1/notify/retry`, role operator).
struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Outbound deliveries (webhooks, SMS, the city platform) and dead letters.", subcommands: [List.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Targets with their counts, and recent deliveries.")
        @OptionGroup var api: APIOptions
        @Option(help: "Only deliveries in this state: pending, delivered, dead.") var state: String?
        @Option(help: "Only this target.") var target: String?
        @Option(help: "How many deliveries (newest first).") var limit = 50
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let state, OutboxDelivery.State(rawValue: state) == nil { throw ValidationError("--state must be pending, delivered or dead") }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
        }

        func run() async throws {
            var query = "limit=\(limit)"
            if let state { query += "&state=\(state)" }
            if let target { query += "&target=\(ServerAddress.segment(target))" }
            let data = try await api.call { client throws(APIClientError) in try await client.get("/api/v1/notify", query: query) }
            if json { return printJSON(data) }
            guard case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: data),
                  case .array(let targets)? = o["targets"], case .array(let deliveries)? = o["deliveries"]
            else { printError("firewatch: the server's answer is not the notify view"); throw Exit.failure }
            let zh = api.language == .zh
            func text(_ v: JSONValue?) -> String {
                switch v {
                case .string(let s)?: s
                case .number(let n)?: String(Int64(n))
                default: "-"
                }
            }
            print(TextTable(
                headers: zh ? ["目标", "格式", "待发送", "已送达", "死信", "地址"] : ["TARGET", "FORMAT", "PENDING", "DELIVERED", "DEAD", "URL"],
                rows: targets.compactMap { if case .object(let t) = $0 { [text(t["name"]), text(t["format"]), text(t["pending"]), text(t["delivered"]), text(t["dead"]), text(t["url"])] } else { nil } }
            ).render())
            print(TextTable(
                headers: zh ? ["投递编号", "状态", "尝试", "写入", "下次", "最后错误"] : ["DELIVERY", "STATE", "ATTEMPTS", "CREATED", "NEXT", "LAST_ERROR"],
                rows: deliveries.compactMap { if case .object(let d) = $0 { [text(d["delivery_id"]), text(d["state"]), text(d["attempts"]), text(d["created_at"]), text(d["next_at"]), text(d["last_error"])] } else { nil } }
            ).render())
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send dead letters again: all, a target's, or the ones named.")
        @OptionGroup var api: APIOptions
        @Option(help: "Only this target's dead letters.") var target: String?
        @Argument(help: "Delivery ids (TARGET-SEQ); none: every dead letter (of --target).") var ids: [String] = []

        func run() async throws {
            var body: [String: JSONValue] = [:]
            if let target { body["target"] = .string(target) }
            if !ids.isEmpty { body["delivery_ids"] = .array(ids.map { .string($0) }) }
            printJSON(try await api.call { client throws(APIClientError) in try await client.post("/api/v1/notify/retry", json: body) })
        }
    }
}
