import FireWatchDecoders
import NIOCore

/// One unit of a connection's stream.
enum GB26875Inbound {
    case frame(GB26875Header, [UInt8])
    /// `bytes`: the whole frame when its end was known (a bad checksum or command), else nil.
    case deny(GB26875Header, GB26875DenyReason, bytes: [UInt8]?)
    case garbage(Int)
}

/// NIO's cumulation around `GB26875StreamFramer`. A class, so the connection handler can see since
/// when an incomplete frame has waited (slowloris).
final class GB26875FrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = GB26875Inbound

    /// When the bytes now waiting for the rest of their frame started waiting; nil when none wait.
    private(set) var waitingSince: NIODeadline?

    /// Reads resume after waiting for the journal: the half frame's wait starts again.
    func restartWaiting() {
        if waitingSince != nil { waitingSince = .now() }
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let unit = buffer.withUnsafeReadableBytes({ GB26875StreamFramer.next($0) }) else {
            if buffer.readableBytes == 0 {
                waitingSince = nil
            } else if waitingSince == nil {
                waitingSince = .now()
            }
            return .needMoreData
        }
        waitingSince = nil
        switch unit {
        case .frame(let header, let length):
            context.fireChannelRead(wrapInboundOut(.frame(header, buffer.readBytes(length: length) ?? [])))
        case .deny(let header, let reason, let consumed):
            let bytes = buffer.readBytes(length: consumed) ?? []
            context.fireChannelRead(wrapInboundOut(.deny(header, reason, bytes: consumed > 2 ? bytes : nil)))
        case .garbage(let n):
            buffer.moveReaderIndex(forwardBy: n)
            context.fireChannelRead(wrapInboundOut(.garbage(n)))
        }
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
