/// Tags as Shopify keeps them: trimmed, split on commas, at most 255 characters each,
/// duplicates (ignoring case) dropped, first spelling kept.
public enum Tags {
    public static let maximumLength = 255
    public static let maximumCount = 250

    public static func normalize(_ tags: some Sequence<String>) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for tag in tags.flatMap({ $0.split(separator: ",") }) {
            let trimmed = tag.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let clipped = String(trimmed.prefix(maximumLength))
            if seen.insert(clipped.lowercased()).inserted { result.append(clipped) }
        }
        return result
    }
}

/// URL-safe handles derived from titles: "Red Boots (Men's)" → "red-boots-men-s".
public enum Handle {
    public static func make(from title: String) -> String {
        var result = ""
        var pendingDash = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// Whether `text` is already a handle: lower-case letters and digits joined by single dashes.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(from: text) == text
    }
}

/// Phone numbers compared and stored without formatting: "+1 (613) 555-1212" → "+16135551212".
public enum PhoneNumber {
    public static func normalize(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (index, character) in text.trimmingWhitespace().enumerated() {
            if character == "+" && index == 0 { plus = true; continue }
            if character.isASCII && character.isNumber { digits.append(character); continue }
            if " -().".contains(character) { continue }
            return nil
        }
        guard (7...15).contains(digits.count) else { return nil }
        return (plus ? "+" : "") + digits
    }
}

extension String {
    /// Whether `needle` occurs in the text, compared byte by byte; with `ignoringASCIICase`, the
    /// text's ASCII letters match in either case (`needle` is then written in lower case).
    /// `lowercased()` and `contains` would allocate and break graphemes, or go through Foundation.
    public func contains(bytes needle: StaticString, ignoringASCIICase: Bool = false) -> Bool {
        var text = self
        return text.withUTF8 { text in
            needle.withUTF8Buffer { needle in
                guard needle.count <= text.count else { return false }
                return (0...(text.count - needle.count)).contains { start in
                    needle.indices.allSatisfy { offset in
                        let byte = text[start + offset]
                        let folded = ignoringASCIICase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        return folded == needle[offset]
                    }
                }
            }
        }
    }
}
