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
}
