import FireWatchCore
import Foundation

/// One outbound HTTP target (`notify.targets[i]`, INTERFACES.md): where, in which format, which events,
/// and the secret its requests are signed with.
public struct NotifyTarget: Hashable, Sendable {
    public enum Format: String, CaseIterable, Hashable, Sendable {
        /// The event object, as the stream carries it.
        case json
        /// CAP 1.2 XML of the event's alarm or hazard.
        case cap
        /// WeCom (企业微信) and DingTalk (钉钉) group robots: a markdown message in Chinese.
        case wecom, dingtalk
        /// A generic HTTP SMS gateway: `{"phones": [...], "text": "..."}`.
        case sms

        /// Formats that speak of an alarm or a hazard only (a station status has nothing to say in them).
        public var needsSubject: Bool { self != .json }
    }

    public var name: String
    public var url: URL
    public var format: Format
    public var route: NotifyRoute
    /// The secret's bytes (the file's content without trailing whitespace); nil: requests are unsigned.
    public var secret: [UInt8]?
    public var timeoutSeconds: Double
    /// Numbers an `sms` target sends to.
    public var phones: [String]

    public init(
        name: String, url: URL, format: Format, route: NotifyRoute, secret: [UInt8]? = nil, timeoutSeconds: Double = 10,
        phones: [String] = []
    ) {
        self.name = name
        self.url = url
        self.format = format
        self.route = route
        self.secret = secret
        self.timeoutSeconds = timeoutSeconds
        self.phones = phones
    }
}

/// What delivery runs on besides the targets.
public struct NotifySettings: Sendable {
    public var targets: [NotifyTarget]
    /// The page a message links to (`notify.link`, e.g. `https://firewatch.putuo.example/`); nil: no link.
    public var link: String?
    /// Longest wait between two attempts of one message (backoff doubles from 1 s up to this).
    public var retryMaxSeconds: Double
    /// A message failing for longer than this since it was written becomes a dead letter.
    public var giveUpAfterSeconds: Double
    public var instance: String
    public var timeZone: TimeZone
    /// The people responsible, told in tiers through an sms target (`notify.contacts`); nil: nobody.
    public var contacts: NoticePolicy?

    public init(
        targets: [NotifyTarget], link: String? = nil, retryMaxSeconds: Double = 60, giveUpAfterSeconds: Double = 86_400,
        instance: String = "firewatch", timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    ) {
        self.targets = targets
        self.link = link
        self.retryMaxSeconds = retryMaxSeconds
        self.giveUpAfterSeconds = giveUpAfterSeconds
        self.instance = instance
        self.timeZone = timeZone
    }

    /// The routes the store writes outbox rows for.
    public var routes: [NotifyRoute] {
        targets.map { t in
            var r = t.route
            r.requiresSubject = t.format.needsSubject
            return r
        }
    }
}
