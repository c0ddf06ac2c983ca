import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ProformaServices

/// Sends mail over SMTP (RFC 5321), on SwiftNIO: EHLO, STARTTLS (or TLS from the start), AUTH
/// PLAIN or LOGIN, MAIL/RCPT/DATA with dot-stuffing. One connection per message: invoices are
/// rare enough that pooling would buy nothing.
public struct SMTPMailer: Mailer {
    public let configuration: SMTPConfiguration
    let group: any EventLoopGroup

    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    public func send(_ email: OutgoingEmail) async throws {
        let message = MIMEMessage.render(email)
        let session = try await SMTPSession.connect(configuration, group: group)
        do {
            try await session.deliver(from: email.from, to: email.to + email.bcc, message: message)
            await session.quit()
        } catch {
            await session.close()
            throw error
        }
    }
}

/// One conversation with the server.
struct SMTPSession {
    let configuration: SMTPConfiguration
    let channel: any Channel
    let replies: NIOLoopBound<SMTPReplyHandler>

    static func connect(_ configuration: SMTPConfiguration, group: any EventLoopGroup) async throws -> SMTPSession {
        let tls = configuration.implicitTLS ? try makeTLSHandlerContext(configuration) : nil
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(10))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: serverName(configuration.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPError(message: "cannot connect to \(configuration): \(error)", isPermanent: false)
        }
        let replies: NIOLoopBound<SMTPReplyHandler>
        do {
            replies = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
        } catch {
            // A server that hangs up at once can close the channel, and take its handlers, before this runs.
            try? await channel.close()
            throw SMTPError(message: "\(configuration) hung up on connecting: \(error)", isPermanent: false)
        }
        let session = SMTPSession(configuration: configuration, channel: channel, replies: replies)
        do {
            try session.expect(220, from: try await session.nextReply())
            try await session.greet()
        } catch {
            await session.close()
            throw error
        }
        return session
    }

    /// EHLO, then STARTTLS and EHLO again when configured, then AUTH when credentials are given.
    private func greet() async throws {
        var capabilities = try await hello()
        if configuration.startTLS != .never {
            if capabilities.contains(where: { $0.uppercased() == "STARTTLS" }) {
                try expect(220, from: try await command("STARTTLS"))
                let context = try Self.makeTLSHandlerContext(configuration)
                let host = Self.serverName(configuration.host)
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host),
                                                                   position: .first)
                }.get()
                capabilities = try await hello()
            } else if configuration.startTLS == .required {
                throw SMTPError(message: "\(configuration) does not offer STARTTLS, which the mailer URL requires",
                                isPermanent: true)
            }
        }
        guard let username = configuration.username else { return }
        let password = configuration.password ?? ""
        let mechanisms = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst() ?? []
        let usePlain = configuration.authMechanism.map { $0 == "PLAIN" } ?? (mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN"))
        if usePlain {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try expect(235, from: try await command("AUTH PLAIN " + token, redacted: "AUTH PLAIN ***"))
        } else {
            try expect(334, from: try await command("AUTH LOGIN"))
            try expect(334, from: try await command(Data(username.utf8).base64EncodedString(), redacted: "***"))
            try expect(235, from: try await command(Data(password.utf8).base64EncodedString(), redacted: "***"))
        }
    }

    private func hello() async throws -> [String] {
        let reply = try await command("EHLO " + configuration.heloName)
        try expect(250, from: reply)
        return Array(reply.lines.dropFirst())
    }

    func deliver(from sender: String, to recipients: [String], message: String) async throws {
        try expect(250, from: try await command("MAIL FROM:<\(sender)>"))
        for recipient in recipients {
            let reply = try await command("RCPT TO:<\(recipient)>")
            guard reply.code == 250 || reply.code == 251 else { throw failure(reply, during: "RCPT TO:<\(recipient)>") }
        }
        try expect(354, from: try await command("DATA"))
        try expect(250, from: try await write(Self.dotStuffed(message) + ".\r\n", shown: "message body"))
    }

    func quit() async {
        _ = try? await command("QUIT")
        await close()
    }

    func close() async {
        try? await channel.close()
    }

    /// Lines that start with a dot get another, so that none ends the DATA early (RFC 5321 4.5.2).
    static func dotStuffed(_ message: String) -> String {
        var text = message.hasSuffix("\r\n") ? message : message + "\r\n"
        if text.hasPrefix(".") { text = "." + text }
        return text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }

    private func command(_ line: String, redacted: String? = nil) async throws -> SMTPReply {
        try await write(line + "\r\n", shown: redacted ?? line)
    }

    private func write(_ text: String, shown: String) async throws -> SMTPReply {
        let reply = channel.eventLoop.flatSubmit { [replies] in replies.value.nextReply(on: channel.eventLoop) }
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(string: text)).get()
        } catch {
            throw SMTPError(message: "\(configuration) went away while sending \(shown): \(error)", isPermanent: false)
        }
        return try await awaitReply(reply, after: shown)
    }

    private func nextReply() async throws -> SMTPReply {
        let reply = channel.eventLoop.flatSubmit { [replies] in replies.value.nextReply(on: channel.eventLoop) }
        return try await awaitReply(reply, after: "connecting")
    }

    private func awaitReply(_ reply: EventLoopFuture<SMTPReply>, after step: String) async throws -> SMTPReply {
        let timeout = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000)) {
            [channel] in channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        do {
            return try await reply.get()
        } catch {
            throw SMTPError(message: "\(configuration) gave no answer after \(step): \(error)", isPermanent: false)
        }
    }

    private func expect(_ code: Int, from reply: SMTPReply) throws {
        guard reply.code == code else { throw failure(reply, during: "the conversation") }
    }

    private func failure(_ reply: SMTPReply, during step: String) -> SMTPError {
        SMTPError(message: "\(configuration) refused \(step): \(reply.code) \(reply.lines.joined(separator: " "))",
                  isPermanent: (500..<600).contains(reply.code))
    }

    private static func makeTLSHandlerContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificates { tls.certificateVerification = .none }
        if let file = configuration.certificateAuthorityFile { tls.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: tls)
    }

    /// SNI takes names, not addresses.
    private static func serverName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}

/// A server reply: its code and the text of each line.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Splits the server's bytes into replies (`250-…` lines continue, `250 …` ends) and hands
/// each to the next waiter, in order. It lives on its channel's event loop: every method runs
/// there, which is what makes its mutable state safe.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var buffer = ""
    private var current: [String] = []
    private var ready: [SMTPReply] = []
    private var waiters: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func nextReply(on loop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty { return loop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return loop.makeFailedFuture(failure) }
        let promise = loop.makePromise(of: SMTPReply.self)
        waiters.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer += bytes.readString(length: bytes.readableBytes) ?? ""
        while let end = buffer.range(of: "\r\n") ?? buffer.range(of: "\n") {
            let line = String(buffer[..<end.lowerBound])
            buffer.removeSubrange(..<end.upperBound)
            guard line.count >= 3, let code = Int(line.prefix(3)) else { continue }
            current.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                deliver(SMTPReply(code: code, lines: current))
                current = []
            }
        }
    }

    private func deliver(_ reply: SMTPReply) {
        if waiters.isEmpty { ready.append(reply) } else { waiters.removeFirst().succeed(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(message: "the server closed the connection", isPermanent: false))
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        let pending = waiters
        waiters = []
        for waiter in pending { waiter.fail(error) }
    }
}
