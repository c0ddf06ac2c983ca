import ProformaAPI
import Testing

@Suite("Global ids")
struct GlobalIDTests {
    @Test("made and read back, with and without a query")
    func roundTrip() throws {
        #expect(GlobalID.make("DraftOrder", 42) == "gid://shopify/DraftOrder/42")
        #expect(GlobalID.make("Location", 7, query: "a=1") == "gid://shopify/Location/7?a=1")
        let plain = try #require(GlobalID.parse("gid://shopify/DraftOrder/42"))
        #expect(plain.type == "DraftOrder" && plain.id == 42 && plain.query == nil)
        let queried = try #require(GlobalID.parse("gid://shopify/ProductVariant/9?inventory=é/x"))
        #expect(queried.type == "ProductVariant" && queried.id == 9 && queried.query == "inventory=é/x")
        #expect(GlobalID.parse("gid://shopify/Customer/1?")?.query == "")
        #expect(GlobalID.parse("gid://shopify/Café/3")?.type == "Café")
    }

    @Test("anything else is not a global id")
    func malformed() {
        for text in ["", "gid://shopify/", "gid://shopify/DraftOrder", "gid://shopify/DraftOrder/", "gid://shopify//42",
                     "gid://shopify/DraftOrder/0", "gid://shopify/DraftOrder/-3", "gid://shopify/DraftOrder/4x",
                     "gid://shopify/Draft/Order/42", "gid://other/DraftOrder/42", "42", "gid://shopify/DraftOrder/42/",
                     "gid://shopify/DraftOrder/99999999999999999999", "gid://shopify/DraftOrder/\u{301}42"] {
            #expect(GlobalID.parse(text) == nil, "\(text)")
        }
    }
}
