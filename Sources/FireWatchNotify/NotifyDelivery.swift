import AsyncHTTPClient
import FireWatchCore
import FireWatchStore
import Foundation
import Logging
import Metrics
import NIOCore
import ServiceLifecycle
import Synchronization

/// Delivers the outbox to the HTTP targets (`notify.targets`): each target's oldest pending message,
/// one at a time per target (in order), every target at once. A 2xx delivers it; a network error, a
/// timeout, 408, 429 or 5xx is retried with doubling backoff up to `retryMaxSeconds`; any other answer,
/// or failing for longer than `giveUpAfterSeconds`, makes it a dead letter (the next one goes on).
/// Every attempt of one message carries the same body and `X-FireWatch-Delivery`.
public final class NotifyDelivery: Service, Sendable {
    let store: SQLiteStore
    let settings: Mutex<NotifySettings>
    let names: @Sendable () async -> NotifyMessage.Names
    let logger: Logger
    /// Targets with a delivery under way: a target that stalls holds only its own queue.
    let inFlight = Mutex<Set<String>>([])

    public init(store: SQLiteStore, settings: NotifySettings, names: @escaping @Sendable () async -> NotifyMessage.Names, logger: Logger) {
        self.store = store
        self.settings = Mutex(settings)
        self.names = names
        self.logger = logger
        store.setNotifyRoutes(settings.routes)
    }

    /// The targets as configured now, for `GET /api/v1/notify`.
    public var targetViews: [(name: String, format: String, url: String)] {
        settings.withLock { $0.targets.map { ($0.name, $0.format.rawValue, $0.url.absoluteString) } }
    }

    /// New targets after a reload (SIGHUP); rows already written stay with their target's name.
    public func replace(with new: NotifySettings) {
        settings.withLock { $0 = new }
        store.setNotifyRoutes(new.routes)
    }

    public func run() async throws {
        // Made here and shut down here: a daemon that fails before it runs leaves no client behind.
        var config = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)))
        config.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        var countsAt = Date.distantPast
        // Until SIGTERM (graceful shutdown) or cancellation: a round in progress finishes first, and
        // whatever it did not deliver is still in the outbox for the next start.
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let s = settings.withLock { $0 }
            if !s.targets.isEmpty { await round(s, client) }
            if Date().timeIntervalSince(countsAt) >= 5 {
                countsAt = Date()
                recordPending(s)
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(200)) }
        }
        // Deliveries under way finish (each within its target's timeout) before the client goes.
        while !inFlight.withLock({ $0.isEmpty }) { try? await Task.sleep(for: .milliseconds(50)) }
        try? await client.shutdown()
    }

    /// Starts the message whose turn it is of each target that has none under way; does not wait
    /// for them, so a slow receiver delays only its own target's messages.
    func round(_ s: NotifySettings, _ client: HTTPClient) async {
        let busy = inFlight.withLock { $0 }
        let idle = s.targets.map(\.name).filter { !busy.contains($0) }
        guard !idle.isEmpty else { return }
        let due: [(OutboxDelivery, FeedEvent?)]
        do { due = try store.dueDeliveries(now: Date(), targets: idle) } catch {
            logger.error("notify: outbox read failed", metadata: ["error": "\(error)"])
            return
        }
        guard !due.isEmpty else { return }
        let names = await names()
        for (delivery, event) in due {
            guard let target = s.targets.first(where: { $0.name == delivery.target }) else { continue }
            inFlight.withLock { _ = $0.insert(target.name) }
            Task {
                await self.deliver(delivery, event, to: target, settings: s, names: names, client: client)
                self.inFlight.withLock { _ = $0.remove(target.name) }
            }
        }
    }

    func deliver(
        _ d: OutboxDelivery, _ event: FeedEvent?, to target: NotifyTarget, settings s: NotifySettings, names: NotifyMessage.Names,
        client: HTTPClient
    ) async {
        let now = Date()
        guard let event else {
            // The event was pruned (events retention) before it could be sent: nothing left to send.
            record(d, target, delivered: false, error: "event \(d.seq) no longer stored (or no longer readable)", retryAt: nil, now: now)
            return
        }
        let message = NotifyMessage.render(event, for: target, settings: s, names: names, phones: d.phones)
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: message.contentType)
        request.headers.add(name: "User-Agent", value: "firewatchd/\(s.instance)")
        request.headers.add(name: "X-FireWatch-Delivery", value: d.deliveryID)
        request.headers.add(name: "X-FireWatch-Event", value: event.type.rawValue)
        let timestamp = Int64(now.timeIntervalSince1970)
        request.headers.add(name: "X-FireWatch-Timestamp", value: String(timestamp))
        if let secret = target.secret {
            request.headers.add(name: "X-FireWatch-Signature", value: NotifySignature.sign(secret: secret, timestamp: timestamp, body: message.body))
        }
        request.body = .bytes(ByteBuffer(bytes: message.body))
        let outcome: (ok: Bool, permanent: Bool, why: String?)
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(target.timeoutSeconds * 1000)))
            // Read (a little of) the answer so the connection can be reused; what it says goes in the error.
            let answer = try? await response.body.collect(upTo: 4096)
            let code = Int(response.status.code)
            let text = answer.map { String(buffer: $0).prefix(200) } ?? ""
            switch code {
            case 200..<300: outcome = (true, false, nil)
            case 408, 429, 500...599: outcome = (false, false, "HTTP \(code): \(text)")
            default: outcome = (false, true, "HTTP \(code): \(text)")
            }
        } catch {
            outcome = (false, false, Self.describe(error, timeout: target.timeoutSeconds))
        }
        if outcome.ok {
            record(d, target, delivered: true, error: nil, retryAt: nil, now: Date())
            return
        }
        let failingFor = Date().timeIntervalSince(d.createdAt)
        let giveUp = outcome.permanent || failingFor >= s.giveUpAfterSeconds
        let wait = min(s.retryMaxSeconds, pow(2, Double(min(d.attempts, 20))))
        record(d, target, delivered: false, error: outcome.why, retryAt: giveUp ? nil : Date().addingTimeInterval(wait), now: Date())
    }

    func record(_ d: OutboxDelivery, _ target: NotifyTarget, delivered: Bool, error: String?, retryAt: Date?, now: Date) {
        do { try store.recordAttempt(d.id, delivered: delivered, error: error, retryAt: retryAt, now: now) } catch {
            logger.error("notify: outbox write failed; the message is sent again", metadata: ["delivery": "\(d.deliveryID)", "error": "\(error)"])
            return
        }
        let result = delivered ? "delivered" : retryAt == nil ? "dead" : "failed"
        Counter(label: "firewatch_notify_deliveries_total", dimensions: [("target", target.name), ("result", result)]).increment()
        if delivered {
            logger.debug("notify: delivered", metadata: ["delivery": "\(d.deliveryID)", "attempts": "\(d.attempts + 1)"])
        } else if retryAt == nil {
            logger.error("notify: dead letter; `firewatch notify retry` sends it again", metadata: [
                "delivery": "\(d.deliveryID)", "target": "\(target.name)", "error": "\(error ?? "")"])
        } else if d.attempts == 0 || d.attempts % 10 == 9 {
            logger.warning("notify: delivery failed; retrying", metadata: [
                "delivery": "\(d.deliveryID)", "target": "\(target.name)", "attempts": "\(d.attempts + 1)", "error": "\(error ?? "")"])
        }
    }

    func recordPending(_ s: NotifySettings) {
        guard let counts = try? store.pendingCounts() else { return }
        for t in s.targets {
            Gauge(label: "firewatch_notify_pending", dimensions: [("target", t.name)]).record(counts[t.name] ?? 0)
        }
    }

    static func describe(_ error: any Error, timeout: Double) -> String {
        if let e = error as? HTTPClientError, e == .deadlineExceeded || e == .readTimeout {
            return "timed out after \(Int(timeout)) s"
        }
        return "\(error)"
    }
}
