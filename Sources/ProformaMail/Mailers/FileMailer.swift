import Foundation
import ProformaServices

/// The embedded mailer: writes each message as a `.eml` file into a folder, where any mail
/// program opens it. The file appears whole or not at all (written aside, then renamed).
public struct FileMailer: Mailer {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func send(_ email: OutgoingEmail) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString.prefix(8)).eml"
        let envelope = "X-Envelope-To: " + (email.to + email.bcc).joined(separator: ", ") + "\r\n"
        let partial = directory.appendingPathComponent("." + name + ".partial")
        try Data((envelope + MIMEMessage.render(email)).utf8).write(to: partial)
        try FileManager.default.moveItem(at: partial, to: directory.appendingPathComponent(name))
    }
}
