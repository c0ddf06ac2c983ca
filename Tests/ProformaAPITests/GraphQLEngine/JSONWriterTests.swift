import ProformaAPI
import Testing

/// The writer decides each comma from the last byte it wrote, so these pin the separators at
/// every depth, after a rewind, and between keys written as text and keys escaped in advance.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test("commas go between members and items, never after an opening bracket or a key")
    func separators() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.string("x")
        writer.endArray()
        writer.key(JSONWriter.Key("b"))
        writer.null()
        writer.key("c")
        writer.beginObject()
        writer.key(JSONWriter.Key("d"))
        writer.bool(false)
        writer.endObject()
        writer.key("e")
        writer.raw(Array(#"{"f":[1,2]}"#.utf8))
        writer.key("g")
        writer.double(2.5)
        writer.endObject()
        #expect(writer.string == #"{"a":[1,{},[],"x"],"b":null,"c":{"d":false},"e":{"f":[1,2]},"g":2.5}"#)
    }

    @Test("a rewind to a mark taken after a key, or inside a list, writes on as if nothing had followed")
    func rewind() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("first")
        writer.int(1)
        writer.key("second")
        let afterKey = writer.mark
        writer.beginObject()
        writer.key("partly")
        writer.beginArray()
        writer.int(7)
        writer.rewind(to: afterKey)
        writer.null()
        writer.key("list")
        writer.beginArray()
        let firstItem = writer.mark
        writer.string("gone")
        writer.rewind(to: firstItem)
        writer.int(3)
        let secondItem = writer.mark
        writer.beginObject()
        writer.rewind(to: secondItem)
        writer.int(4)
        writer.endArray()
        writer.endObject()
        #expect(writer.string == #"{"first":1,"second":null,"list":[3,4]}"#)
    }

    @Test("keys escaped in advance are escaped as keys written as text")
    func escapedKeys() {
        for key in ["plain", "quote\"d", "back\\slash", "line\nbreak", "tab\t", "\u{1}", "ünïcödé"] {
            var text = JSONWriter()
            text.beginObject()
            text.key(key)
            text.int(1)
            text.endObject()
            var prepared = JSONWriter()
            prepared.beginObject()
            prepared.key(JSONWriter.Key(key))
            prepared.int(1)
            prepared.endObject()
            #expect(text.bytes == prepared.bytes)
        }
        var writer = JSONWriter()
        writer.key("q\"\u{1}")
        #expect(writer.string == #""q\"\u0001":"#)
    }
}
