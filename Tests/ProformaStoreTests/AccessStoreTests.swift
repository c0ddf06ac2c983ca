import Logging
import SQLKit
import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Access tokens and staff")
struct AccessStoreTests {
    @Test("random tokens have the length asked for, and differ")
    func randomBytes() {
        for count in [0, 1, 7, 8, 9, 16, 31, 32, 33] {
            #expect(RandomToken.bytes(count).count == count)
        }
        let tokens = (0..<200).map { _ in RandomToken.bytes(16) }
        #expect(Set(tokens).count == tokens.count)
        // Every byte position varies, the last ones of a draw included.
        for position in 0..<16 { #expect(Set(tokens.map { $0[position] }).count > 50, "byte \(position)") }
        #expect(RandomToken.hex(bytes: 16).count == 32)
    }

    @Test("tokens authenticate until revoked; only the hash is stored", arguments: TestEngine.all)
    func tokens(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let (token, secret) = try await context.access.createToken(shop: shop.id, name: "ERP",
                                                                       scopes: ScopeSet([.writeDraftOrders]))
            #expect(secret.hasPrefix("pfat_"))
            #expect(secret.count == 5 + 32)
            let found = try #require(try await context.access.authenticate(secret: secret))
            #expect(found.id == token.id)
            #expect(found.scopes.allows(.readDraftOrders))
            #expect(!found.scopes.allows(.readProducts))
            #expect(try await context.access.authenticate(secret: secret + "x") == nil)

            let stored = try await context.database.read { db in
                try await db.raw("SELECT token_hash FROM access_tokens").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(stored.count == 1 && stored[0] != secret && !stored[0].contains(secret.dropFirst(5)))

            #expect(try await context.access.revokeToken(shop: shop.id, id: token.id))
            #expect(try await context.access.authenticate(secret: secret) == nil)
            #expect(try await context.access.revokeToken(shop: shop.id, id: token.id) == false)
        }
    }

    @Test("a token revoked by another instance is refused once a second has passed; one revoked here, at once",
          arguments: TestEngine.all)
    func revokedElsewhere(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let elsewhere = TestContext(database: context.database)
            let (token, secret) = try await context.access.createToken(shop: shop.id, name: "ERP", scopes: ScopeSet([.readOrders]))
            #expect(try await context.access.authenticate(secret: secret)?.id == token.id)
            #expect(try await elsewhere.access.revokeToken(shop: shop.id, id: token.id))
            #expect(try await elsewhere.access.authenticate(secret: secret) == nil)
            // The window TokenCache documents: this instance read the token less than a second ago.
            #expect(try await context.access.authenticate(secret: secret)?.id == token.id)
            context.clock.advance(seconds: 1)
            #expect(try await context.access.authenticate(secret: secret) == nil)

            let (other, otherSecret) = try await elsewhere.access.createToken(shop: shop.id, name: "BI", scopes: ScopeSet([.readOrders]))
            #expect(try await context.access.authenticate(secret: otherSecret)?.id == other.id)
            #expect(try await context.access.revokeToken(shop: shop.id, id: other.id))
            #expect(try await context.access.authenticate(secret: otherSecret) == nil)
        }
    }

    @Test("staff accounts verify their password", arguments: TestEngine.all)
    func staff(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            _ = try await context.access.createStaff(shop: shop.id, email: "Rep@Snowdevil.test", password: "correct horse")
            #expect(try await context.access.verifyStaff(shop: shop.id, email: "rep@snowdevil.test", password: "correct horse") != nil)
            #expect(try await context.access.verifyStaff(shop: shop.id, email: "rep@snowdevil.test", password: "wrong") == nil)
            await #expect(throws: ValidationErrors.self) {
                try await context.access.createStaff(shop: shop.id, email: "rep@snowdevil.test", password: "another one")
            }
        }
    }
}
