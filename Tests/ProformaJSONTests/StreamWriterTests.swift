import ProformaJSON
import Testing

@Suite struct StreamWriterTests {
    private struct Sample: Encodable {
        var a: [Int64]
        var b: Bool
        var c: [String: String]
        var d: String
    }

    @Test("writes what the encoder writes for the same keys in order: nesting, commas, escapes")
    func likeTheEncoder() throws {
        let sample = Sample(a: [], b: false, c: ["k": "v", "l": ""], d: "q\"/\\\n\u{1F}é\u{2028}")
        let written = JSONStreamWriter.write(capacity: 1) { json in
            json.object { json in
                json.key("a")
                json.array { _ in }
                json.key("b")
                json.bool(false)
                json.key("c")
                json.object { json in
                    json.key("k")
                    json.string("v")
                    json.key("l")
                    json.string("")
                }
                json.key("d")
                json.string(sample.d)
            }
        }
        #expect(written == (try JSONDocumentEncoder().encodeToString(sample)))
        let list = JSONStreamWriter.write { json in
            json.array { json in
                json.integer(Int64.min)
                json.integer(0)
                json.object { _ in }
                json.array { json in json.bool(true) }
            }
        }
        #expect(list == "[-9223372036854775808,0,{},[true]]")
    }
}
