import Foundation
import ProformaServices

/// An email as RFC 5322 / MIME text: headers, and a multipart/alternative body with the text
/// and HTML parts in quoted-printable UTF-8. Lines end in CRLF. Bcc recipients are not in the
/// headers: only the envelope names them.
public enum MIMEMessage {
    public static func render(_ email: OutgoingEmail, date: Date = Date(), messageID: String = UUID().uuidString) -> String {
        let boundary = "proforma-" + messageID.lowercased().filter { $0.isLetter || $0.isNumber }
        let domain = email.from.split(separator: "@").last.map(String.init) ?? "proforma.local"
        var lines = [
            "From: " + email.from,
            "To: " + email.to.joined(separator: ", "),
            "Subject: " + encodedWord(email.subject),
            "Date: " + rfc2822(date),
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", email.text), ("text/html", email.html)] {
            lines += ["--" + boundary, "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                      quotedPrintable(body)]
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A header value in RFC 2047 form when it is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) else { return text }
        return "=?utf-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// Quoted-printable (RFC 2045): lines of at most 76 characters, soft breaks, CRLF endings.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var output = ""
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + piece.count > 75 {
                    output += "=\r\n"
                    width = 0
                }
                output += piece
                width += piece.count
            }
            return output
        }.joined(separator: "\r\n")
    }

    private static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
