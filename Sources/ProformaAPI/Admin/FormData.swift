import Foundation
import Hummingbird
import NIOCore
import ProformaCore

/// A posted `application/x-www-form-urlencoded` body, or a query string, in order. A name may
/// repeat (checkboxes); `subscript` gives its first value.
public struct FormData: Sendable {
    public var pairs: [(name: String, value: String)]

    public init(encoded text: String) {
        pairs = text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    public static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormData {
        FormData(encoded: String(buffer: try await request.body.collect(upTo: limit)))
    }

    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// The value, trimmed; nil when absent or blank.
    public func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public func flag(_ name: String) -> Bool {
        ["on", "true", "1"].contains(self[name] ?? "")
    }
}
