import Foundation
import Glibc
import NIOCore
import NIOPosix
import ProformaMail
import ProformaServices
import Testing

/// Against the real SMTP sink `scripts/test` starts (aiosmtpd: STARTTLS required, AUTH).
/// Without the sink the tests are skipped on a laptop; under CI they fail.
@Suite("SMTP mailer against a real SMTP server")
struct SMTPMailerTests {
    static let environment = ProcessInfo.processInfo.environment
    static var isAvailable: Bool { environment["PROFORMA_TEST_SMTP_URL"] != nil || environment["CI"] != nil }

    static func sink() throws -> (url: String, badURL: String, folder: URL) {
        guard let url = environment["PROFORMA_TEST_SMTP_URL"], let bad = environment["PROFORMA_TEST_SMTP_BAD_URL"],
              let folder = environment["PROFORMA_TEST_SMTP_FOLDER"] else {
            throw SinkMissing()
        }
        return (url, bad, URL(fileURLWithPath: folder))
    }

    struct SinkMissing: Error, CustomStringConvertible {
        var description: String { "PROFORMA_TEST_SMTP_URL is not set: run the tests through scripts/test" }
    }

    static func email(_ marker: String) -> OutgoingEmail {
        OutgoingEmail(from: "shop@snowdevil.test", to: ["ann@example.com"], bcc: ["sales@snowdevil.test"],
                      subject: "Draft Order #D1 – Zoë's skis \(marker)",
                      html: "<p>Hello Zoë</p>\n.\n<p>" + String(repeating: "long line ", count: 20) + "</p>",
                      text: "Hello Zoë\n.\n..two dots\nTotal: €12.00 EUR\n")
    }

    /// The message the sink saved with `marker` in it.
    static func received(_ marker: String, in folder: URL) throws -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "eml" {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.contains(marker) { return text }
        }
        return nil
    }

    @Test("STARTTLS and AUTH PLAIN or LOGIN: the message arrives whole, envelope and encodings right",
          .enabled(if: isAvailable), arguments: ["plain", "login"])
    func delivers(mechanism: String) async throws {
        let sink = try Self.sink()
        let configuration = try #require(SMTPConfiguration(url: sink.url + "&auth=\(mechanism)"))
        let marker = UUID().uuidString
        try await SMTPMailer(configuration: configuration).send(Self.email(marker))
        let encodedSubject = "=?utf-8?B?" + Data("Draft Order #D1 – Zoë's skis \(marker)".utf8).base64EncodedString() + "?="
        let message = try #require(try Self.received(encodedSubject, in: sink.folder))
        #expect(message.contains("X-Envelope-From: shop@snowdevil.test"))
        #expect(message.contains("X-Envelope-To: ann@example.com, sales@snowdevil.test"))
        #expect(!message.contains("Bcc:"))
        #expect(message.contains("Content-Type: multipart/alternative"))
        // Dot-stuffing was undone by the server: the lone dot and the two dots are as written.
        #expect(message.contains("Hello Zo=C3=AB\r\n.\r\n..two dots\r\n"))
        #expect(message.contains("=E2=82=AC12.00 EUR"))
    }

    @Test("a wrong password is refused as permanent and nothing is delivered", .enabled(if: isAvailable))
    func wrongPassword() async throws {
        let sink = try Self.sink()
        let marker = UUID().uuidString
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPMailer(configuration: try #require(SMTPConfiguration(url: sink.badURL))).send(Self.email(marker))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("wrong") == false)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try Self.received(marker, in: sink.folder) == nil)
    }

    @Test("a server that is gone, or hangs up mid-conversation, is a temporary failure")
    func serverGone() async throws {
        // A port bound and never listened on, so that connecting is refused, and no other test's listener can take it meanwhile.
        let closed = try BoundSocket()
        defer { closed.close() }
        let refused = await #expect(throws: SMTPError.self) {
            try await SMTPMailer(configuration: try #require(SMTPConfiguration(url: "smtp://127.0.0.1:\(closed.port)")))
                .send(Self.email("gone"))
        }
        #expect(refused?.isPermanent == false)

        // A server that greets, then hangs up, often before the mailer has found its reply handler: tried fifty times.
        let rude = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(GreetAndHangUp()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { rude.close(promise: nil) }
        for _ in 0..<50 {
            let hungUp = await #expect(throws: SMTPError.self) {
                try await SMTPMailer(configuration: try #require(SMTPConfiguration(url: "smtp://127.0.0.1:\(rude.localAddress!.port!)?timeout=5")))
                    .send(Self.email("rude"))
            }
            #expect(hungUp?.isPermanent == false)
        }
    }

    @Test("mailer URLs: defaults, TLS modes and bad values")
    func urls() throws {
        let plain = try #require(SMTPConfiguration(url: "smtp://mail.example.com"))
        #expect(plain.port == 587)
        #expect(plain.startTLS == .opportunistic)
        let authed = try #require(SMTPConfiguration(url: "smtp://user:p%40ss@mail.example.com:2525"))
        #expect(authed.startTLS == .required)
        #expect(authed.password == "p@ss")
        #expect(authed.description == "smtp://user@mail.example.com:2525")
        let implicit = try #require(SMTPConfiguration(url: "smtps://mail.example.com"))
        #expect(implicit.port == 465)
        #expect(implicit.implicitTLS)
        #expect(SMTPConfiguration(url: "smtp://mail.example.com?starttls=sometimes") == nil)
        #expect(SMTPConfiguration(url: "http://mail.example.com") == nil)
        #expect(SMTPConfiguration(url: "smtp://mail.example.com?auth=cram") == nil)
    }
}

@Suite("MIME")
struct MIMETests {
    @Test("quoted-printable keeps lines under 76 characters and encodes what it must")
    func quotedPrintable() {
        let email = OutgoingEmail(from: "a@b.test", to: ["c@d.test"], bcc: [], subject: "Plain subject",
                                  html: String(repeating: "x", count: 200), text: "a=b \nend")
        let message = MIMEMessage.render(email, messageID: "fixed")
        #expect(message.contains("Subject: Plain subject\r\n"))
        #expect(message.contains("a=3Db=20\r\nend"))
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }
}

/// A TCP socket bound to a free port on 127.0.0.1 that never listens.
private struct BoundSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            _ = Glibc.close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// An SMTP server that greets, then closes the connection.
private final class GreetAndHangUp: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: "220 hello\r\n"))).whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
