import Foundation
import ProformaCore

/// Reads a settings document and reports any problem with its JSON path (`$.taxRates[1].rate`).
enum SettingsFile {
    struct Invalid: Error, CustomStringConvertible {
        var problems: [String]
        var description: String { "the settings file is invalid; nothing was changed:\n" + problems.map { "  " + $0 }.joined(separator: "\n") }
    }

    static func load(_ data: Data) throws -> ShopSettings {
        let input: ShopSettingsInput
        do {
            input = try JSONDecoder().decode(ShopSettingsInput.self, from: data)
        } catch let error as DecodingError {
            throw Invalid(problems: [describe(error)])
        }
        switch input.validated() {
        case .success(let settings):
            return settings
        case .failure(let errors):
            throw Invalid(problems: errors.errors.map { "\(jsonPath($0.field ?? [])): \($0.message)" })
        }
    }

    static func jsonPath(_ path: [String]) -> String {
        "$" + path.map { Int($0) != nil ? "[\($0)]" : ".\($0)" }.joined()
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            jsonPath(context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(jsonPath(context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } + [key.stringValue])): is required"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the file is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int64.Type, is Int.Type: "a whole number"
        default: "\(type)".contains("Array") ? "a list" : "an object"
        }
    }
}
