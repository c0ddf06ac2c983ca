import ProformaCore
import Testing

@Suite("Addresses and geography")
struct GeographyTests {
    @Test("legacy names resolve to codes")
    func names() throws {
        let address = try MailingAddressDraft(firstName: "Bob", lastName: "Bobsen", address1: "123 Amoebobacterieae St",
                                              city: "Ottawa", province: "Ontario", country: "Canada").resolve().get()
        #expect(address.countryCode == "CA")
        #expect(address.provinceCode == "ON")
        #expect(address.provinceName == "Ontario")
        #expect(address.countryName == "Canada")
        #expect(address.name == "Bob Bobsen")
        #expect(Geography.country(matching: "united states")?.rawValue == "US")
        #expect(Geography.country(matching: "UK")?.rawValue == "GB")
    }

    @Test("unknown codes are refused with the field that holds them")
    func invalid() throws {
        guard case .failure(let errors) = MailingAddressDraft(provinceCode: "XX", countryCode: "US").resolve() else {
            Issue.record("expected failure"); return
        }
        #expect(errors.errors.map(\.field) == [["provinceCode"]])
        guard case .failure(let countryErrors) = MailingAddressDraft(country: "Atlantis").resolve() else {
            Issue.record("expected failure"); return
        }
        #expect(countryErrors.errors.first?.message == "Country is invalid")
        // Countries without a province table keep what was typed.
        #expect(try MailingAddressDraft(provinceCode: "bavaria", countryCode: "DE").resolve().get().provinceCode == "BAVARIA")
    }

    @Test("text helpers")
    func text() {
        #expect(Tags.normalize(["a, b", " B ", "", "c"]) == ["a", "b", "c"])
        #expect(Handle.make(from: "Red Boots (Men's)") == "red-boots-men-s")
        #expect(Handle.make(from: "Crème brûlée") == "crème-brûlée")
        #expect(PhoneNumber.normalize("+1 (613) 555-1212") == "+16135551212")
        #expect(PhoneNumber.normalize("call me") == nil)
        #expect(EmailAddress.isValid("bob@example.com"))
        #expect(!EmailAddress.isValid("bob@example"))
        #expect(!EmailAddress.isValid("bob example.com"))
    }

    @Test("trimming takes spaces, tabs and line breaks from both ends, and only from the ends")
    func trimming() {
        let cases: [(String, String)] = [
            ("Part 1", "Part 1"), (" Part 1", "Part 1"), ("Part 1 ", "Part 1"), ("\t\r\n Part\t1 \r\n", "Part\t1"),
            ("\r\n", ""), ("   ", ""), ("", ""), ("x", "x"), (" é ", "é"), ("Crème brûlée\n", "Crème brûlée"),
            // A space that carries a combining accent is a letter of its own, so it stays.
            ("\u{20}\u{301}a", "\u{20}\u{301}a"),
        ]
        for (text, trimmed) in cases {
            #expect(text.trimmingWhitespace() == trimmed, "\(text.debugDescription)")
            #expect(text[...].trimmingWhitespace() == trimmed, "\(text.debugDescription) as a substring")
        }
    }

    @Test("a product type names a gift card in any letter case")
    func giftCards() {
        for type in ["Gift Card", "gift card", "GIFT CARDS", "Digital gift cArd", "gift card"] {
            #expect(type.contains(bytes: "gift card", ignoringASCIICase: true), "\(type)")
        }
        for type in ["", "Gift", "giftcard", "gift  card", "Gift Cart", "gift car", "Gíft card"] {
            #expect(!type.contains(bytes: "gift card", ignoringASCIICase: true), "\(type)")
        }
        #expect("ab".contains(bytes: "ab", ignoringASCIICase: true) && "xAB".contains(bytes: "ab", ignoringASCIICase: true))
        #expect(!"a".contains(bytes: "ab", ignoringASCIICase: true) && "a".contains(bytes: "", ignoringASCIICase: true))
        #expect(!"xAB".contains(bytes: "ab") && "xab".contains(bytes: "ab") && #"a "\u0000" b"#.contains(bytes: #"\u0000"#))
        #expect(!#"a "\U0000" b"#.contains(bytes: #"\u0000"#))
    }
}
