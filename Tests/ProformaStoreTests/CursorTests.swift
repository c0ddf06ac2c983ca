import Foundation
import ProformaServices
import Testing

@Suite("Cursors")
struct CursorTests {
    @Test("a cursor survives its token, and tokens issued before (another JSON encoder) still read")
    func tokens() {
        for cursor in [Cursor(sortValue: .integer(-7), id: 9_007_199_254_740_993), Cursor(sortValue: .text("Grüße \"x\""), id: 1)] {
            #expect(Cursor(token: cursor.token) == cursor)
        }
        // {"v":{"text":{"_0":"Grüße"}},"i":42}, with the non-ASCII letters escaped.
        #expect(Cursor(token: "eyJ2Ijp7InRleHQiOnsiXzAiOiJHclx1MDBmY1x1MDBkZmUifX0sImkiOjQyfQ")
                == Cursor(sortValue: .text("Grüße"), id: 42))
        #expect(Cursor(token: "not a cursor") == nil)
    }

    /// Clients keep tokens between requests, so the text a cursor is written as must not change.
    @Test("tokens are issued as they always were")
    func issued() {
        #expect(Cursor(sortValue: .integer(-7), id: 9_007_199_254_740_993).token == "eyJpIjo5MDA3MTk5MjU0NzQwOTkzLCJ2Ijp7ImludGVnZXIiOnsiXzAiOi03fX19")
        #expect(Cursor(sortValue: .text("Grüße \"x\" a/b"), id: 1).token == "eyJpIjoxLCJ2Ijp7InRleHQiOnsiXzAiOiJHcsO8w59lIFwieFwiIGFcL2IifX19")
        #expect(Cursor(sortValue: .integer(42), id: 42).token == "eyJpIjo0MiwidiI6eyJpbnRlZ2VyIjp7Il8wIjo0Mn19fQ")
    }
}

@Suite("URL-safe base64")
struct Base64URLTests {
    /// Foundation's base64 with the URL alphabet and no padding, as tokens were written before.
    static func reference(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("encodes as Foundation's base64 does in the URL alphabet, and decodes what it encodes")
    func roundTrips() {
        var random = SystemRandomNumberGenerator()
        for length in 0..<64 {
            for _ in 0..<8 {
                let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
                let text = data.base64URLEncoded
                #expect(text == Self.reference(data))
                #expect(Data(base64URL: text) == data)
            }
        }
        #expect(Data([0xFB, 0xFF]).base64URLEncoded == "-_8")
    }

    @Test("refuses what is not URL-safe base64")
    func refuses() {
        for text in ["a", "abcde", "ab+c", "ab/c", "a=bc", "ab===", "ab c", "é"] {
            #expect(Data(base64URL: text) == nil, "\(text)")
        }
        #expect(Data(base64URL: "") == Data())
        #expect(Data(base64URL: "-_8=") == Data([0xFB, 0xFF]))
    }
}
