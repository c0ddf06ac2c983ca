/// The pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces.
/// Deliverability is the mail server's business; this only catches typing mistakes.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= 254, !trimmed.contains(" "), !trimmed.contains(",") else { return false }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return false
        }
        return labels.last!.count >= 2
    }
}
