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
