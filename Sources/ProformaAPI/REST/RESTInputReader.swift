import ProformaCore
import ProformaServices

/// Reads values out of REST request bodies, which clients send loosely typed (numbers as
/// strings, `"true"`); a value of the wrong type is recorded in `problems` under its field.
struct RESTInputReader {
    var problems = ValidationErrors()

    /// A text field: absent is unchanged, `null` clears, a number is taken as its digits
    /// (`"po_number": 12345`), anything else is a problem.
    mutating func text(_ object: [String: JSONValue], _ key: String) -> FieldUpdate<String> {
        guard let value = object[key] else { return .unchanged }
        if value.isNull { return .cleared }
        if case .object = value { return invalid(key, "must be text") }
        if case .array = value { return invalid(key, "must be text") }
        return Self.scalarText(value).map(FieldUpdate.set) ?? .cleared
    }

    private mutating func invalid<T>(_ key: String, _ message: String) -> FieldUpdate<T> {
        problems.add([key], message, code: "INVALID")
        return .unchanged
    }

    static func address(_ value: JSONValue?) -> FieldUpdate<MailingAddressDraft> {
        guard let value else { return .unchanged }
        guard case .object(let fields) = value else { return .cleared }
        func text(_ key: String) -> String? { fields[key]?.stringValue }
        return .set(MailingAddressDraft(
            firstName: text("first_name"), lastName: text("last_name"), company: text("company"),
            address1: text("address1"), address2: text("address2"), city: text("city"),
            provinceCode: text("province_code"), province: text("province"), countryCode: text("country_code"),
            country: text("country"), zip: text("zip"), phone: text("phone")))
    }

    /// `[{name, value}]`; anything but a list is a problem, not an empty list.
    mutating func attributes(_ value: JSONValue, at path: [String]) -> [Attribute]? {
        if value.isNull { return [] }
        guard case .array(let items) = value else {
            problems.add(path, "must be a list of {name, value}", code: "INVALID")
            return nil
        }
        return items.compactMap { item in
            guard let name = item["name"].flatMap(Self.scalarText) else { return nil }
            return Attribute(key: name, value: item["value"].flatMap(Self.scalarText) ?? "")
        }
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }

    /// A number sent as JSON number or as a string (`"20.00"`).
    mutating func decimal(_ value: JSONValue?, at path: [String]) -> ExactDecimal? {
        guard let value, !value.isNull else { return nil }
        let parsed: ExactDecimal? = switch value {
        case .string(let text): ExactDecimal(text.trimmingWhitespace())
        case .int(let number): ExactDecimal(significand: Int64(number), scale: 0)
        case .double(let number): ExactDecimal(number)
        default: nil
        }
        if parsed == nil { problems.add(path, "is not a number", code: "INVALID") }
        return parsed
    }

    mutating func integer(_ value: JSONValue?, at path: [String]) -> Int64? {
        guard let value, !value.isNull else { return nil }
        switch value {
        case .int(let number): return Int64(number)
        case .string(let text) where Int64(text) != nil: return Int64(text)
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return Int64(number)
        default:
            problems.add(path, "is not an integer", code: "INVALID")
            return nil
        }
    }

    mutating func bool(_ value: JSONValue?, at path: [String]) -> Bool? {
        guard let value, !value.isNull else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default:
            problems.add(path, "must be true or false", code: "INVALID")
            return nil
        }
    }

    /// `"a, b"` (or a list) → `["a", "b"]`; absent stays nil.
    static func tags(_ value: JSONValue?) -> [String]? {
        switch value {
        case .string(let text)?: text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        case .array(let items)?: items.compactMap(\.stringValue)
        default: nil
        }
    }
}

extension JSONValue {
    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}
