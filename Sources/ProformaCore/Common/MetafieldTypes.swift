/// The metafield types Proforma checks values of; others are stored as given.
public enum MetafieldTypes {
    public static let known: Set<String> = [
        "single_line_text_field", "multi_line_text_field", "number_integer", "number_decimal", "boolean", "json",
        "date", "date_time", "url", "color", "money", "weight", "dimension", "volume", "rating", "rich_text_field",
    ]

    /// Why `value` is not a valid `type`, or nil when it is.
    public static func problem(type: String, value: String) -> String? {
        guard known.contains(type) || type.hasPrefix("list.") || type.hasSuffix("_reference") else {
            return "Type '\(type)' is not a valid metafield type"
        }
        switch type {
        case "single_line_text_field" where value.contains("\n"):
            return "Value must be a single line of text"
        case "number_integer" where Int64(value) == nil:
            return "Value must be an integer"
        case "number_decimal" where ExactDecimal(value) == nil:
            return "Value must be a decimal number"
        case "boolean" where value != "true" && value != "false":
            return "Value must be true or false"
        case "date" where value.count != 10 || Timestamp(iso8601: value) == nil:
            return "Value must be a date such as 2025-12-31"
        case "date_time" where Timestamp(iso8601: value) == nil:
            return "Value must be an ISO 8601 date and time"
        case "url" where !(value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:")):
            return "Value must be a URL"
        default:
            return nil
        }
    }
}
