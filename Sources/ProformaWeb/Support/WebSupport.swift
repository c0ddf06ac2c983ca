import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ProformaAPI
import ProformaCore
import ProformaServices

enum WebResponse {
    /// Pages are the staff's own: nothing caches them, no other site frames them, and only
    /// Proforma's own script runs.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"),
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func securityHeaders(contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .cacheControl: "no-store",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Content-Security-Policy")!:
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ]
    }

    /// 303, so that a reload after a post does not post again.
    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: .seeOther, headers: headers)
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/plain; charset=utf-8"),
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Request {
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(pair[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    var queryForm: FormData {
        FormData(encoded: uri.query ?? "")
    }
}

/// Percent-encodes a value for a query string.
func queryEscaped(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

extension Timestamp {
    /// "2026-12-02 14:05 UTC", for tables and timelines.
    var displayText: String {
        let date = Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }

    /// `YYYY-MM-DD`, for date inputs.
    var dateInputText: String {
        String(displayText.prefix(10))
    }

    /// The end of a `YYYY-MM-DD` day, UTC.
    init?(endOfDay text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (2000...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 23,
                                                            minute: 59, second: 59)),
              calendar.component(.day, from: date) == parts[2] else { return nil }
        self.init(millisecondsSince1970: Int64(date.timeIntervalSince1970 * 1000))
    }
}

/// Errors keyed by the form field they concern; the rest are shown at the top of the page.
struct FieldErrors: Sendable {
    var byField: [String: [String]] = [:]
    var general: [String] = []

    init() {}

    /// `fieldName` maps a service's error path to the form's field, or nil for a page-level one.
    init(_ errors: ValidationErrors, fieldName: ([String]) -> String?) {
        for error in errors.errors {
            if let name = error.field.flatMap(fieldName) {
                byField[name, default: []].append(error.message)
            } else {
                general.append(error.message)
            }
        }
    }

    var isEmpty: Bool { byField.isEmpty && general.isEmpty }

    /// For templates: `errors.email` is the message under the email field.
    var view: [String: Any] {
        var view: [String: Any] = [:]
        for (field, messages) in byField {
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                var group = view[parts[0]] as? [String: String] ?? [:]
                group[parts[1]] = messages.joined(separator: " ")
                view[parts[0]] = group
            } else {
                view[field] = messages.joined(separator: " ")
            }
        }
        if !general.isEmpty { view["general"] = general }
        return view
    }
}
