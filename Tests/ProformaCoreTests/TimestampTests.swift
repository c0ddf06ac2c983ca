import ProformaCore
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("ISO 8601 round trip at whole seconds in UTC")
    func roundTrip() throws {
        let instant = try #require(Timestamp(iso8601: "2024-11-05T17:18:09Z"))
        #expect(instant.iso8601 == "2024-11-05T17:18:09Z")
        #expect(instant.millisecondsSince1970 == 1_730_827_089_000)
        #expect(Timestamp(iso8601: "1970-01-01")?.millisecondsSince1970 == 0)
        #expect(Timestamp(iso8601: "2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp(iso8601: "2023-02-29T00:00:00Z") == nil)
        #expect(Timestamp(millisecondsSince1970: -1).iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test("every instant from year 0 to 9999 reads back from its text, which is always 20 characters")
    func everyYear() throws {
        var random = CalculatorPropertyTests.SeededGenerator(state: 8601)
        let first = try #require(Timestamp(iso8601: "0000-01-01T00:00:00Z")).millisecondsSince1970
        let last = try #require(Timestamp(iso8601: "9999-12-31T23:59:59Z")).millisecondsSince1970
        for milliseconds in [first, last, 0, 951_782_400_000] + (0..<2000).map({ _ in Int64.random(in: first...last, using: &random) }) {
            // The text keeps whole seconds, rounded down.
            let whole = (milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000) * 1000
            let text = Timestamp(millisecondsSince1970: milliseconds).iso8601
            #expect(text.utf8.count == 20, "\(text)")
            #expect(Timestamp(iso8601: text)?.millisecondsSince1970 == whole, "\(text)")
        }
        #expect(Timestamp(iso8601: "2000-02-29T23:59:59Z")?.iso8601 == "2000-02-29T23:59:59Z")
        // Past four digits the year is written whole.
        #expect(Timestamp(millisecondsSince1970: last + 1000).iso8601 == "10000-01-01T00:00:00Z")
        #expect(Timestamp(millisecondsSince1970: first - 1000).iso8601 == "-0001-12-31T23:59:59Z")
    }

    @Test("offsets and fractions are understood")
    func offsets() {
        #expect(Timestamp(iso8601: "2025-01-01T02:00:00+02:00")?.iso8601 == "2025-01-01T00:00:00Z")
        #expect(Timestamp(iso8601: "2025-01-01T00:00:00.250Z")?.millisecondsSince1970 == 1_735_689_600_250)
        #expect(Timestamp(iso8601: "2025-01-01 10:00")?.iso8601 == "2025-01-01T10:00:00Z")
        for bad in ["2025-13-01", "2025-01-01T25:00:00Z", "yesterday", "2025-01-01T10:00:00Zjunk"] {
            #expect(Timestamp(iso8601: bad) == nil, "\(bad)")
        }
    }
}
