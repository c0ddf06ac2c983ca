import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Customers")
struct CustomerStoreTests {
    static func input(_ first: String, email: String?, phone: String? = nil, taxExempt: Bool = false) -> CustomerInput {
        var input = CustomerInput()
        input.firstName = .set(first)
        input.lastName = .set("Norman")
        if let email { input.email = .set(email) }
        if let phone { input.phone = .set(phone) }
        input.taxExempt = taxExempt
        input.tags = ["vip", "VIP", "wholesale"]
        input.addresses = [.init(address: MailingAddressDraft(address1: "12 Elm", city: "Ottawa", province: "Ontario",
                                                              country: "Canada", zip: "K2P0V6"))]
        return input
    }

    @Test("create, read back, update partially", arguments: TestEngine.all)
    func createAndUpdate(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let created = try await context.customers.create(shop: shop.id, Self.input("Bob", email: "Bob@Example.com",
                                                                                        phone: "+1 (613) 555-1212"))
            #expect(created.email == "bob@example.com")
            #expect(created.phone == "+16135551212")
            #expect(created.tags == ["vip", "wholesale"])
            #expect(created.defaultAddress?.address.countryCode == "CA")
            #expect(created.defaultAddress?.address.provinceCode == "ON")

            var change = CustomerInput()
            change.note = .set("Prefers phone orders")
            change.phone = .cleared
            let updated = try await context.customers.update(shop: shop.id, id: created.id, change)
            #expect(updated.firstName == "Bob")
            #expect(updated.note == "Prefers phone orders")
            #expect(updated.phone == nil)
            #expect(updated.addresses == created.addresses)
        }
    }

    @Test("addresses read back with their customers in order, by id and in a search page", arguments: TestEngine.all)
    func addressesInOrder(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = Self.input("Ann", email: "ann@example.com")
            input.addresses = ["Ottawa", "Montréal", "Québec"].map { city in
                .init(address: MailingAddressDraft(address1: "1 \"Main\" St", city: city, provinceCode: "QC", countryCode: "CA"))
            }
            let ann = try await context.customers.create(shop: shop.id, input)
            var bare = Self.input("Bea", email: "bea@example.com")
            bare.addresses = []
            let bea = try await context.customers.create(shop: shop.id, bare)

            let byID = try await context.customers.customers(shop: shop.id, ids: [bea.id, ann.id])
            #expect(byID.map(\.id) == [bea.id, ann.id])
            #expect(byID[0].addresses.isEmpty)
            #expect(byID[1].addresses.map(\.address.city) == ["Ottawa", "Montréal", "Québec"])
            #expect(byID[1].addresses == ann.addresses)
            #expect(byID[1].defaultAddress == ann.defaultAddress)
            let page = try await context.customers.customers(shop: shop.id, matching: .matchAll, sortedBy: .id,
                                                             page: PageRequest(first: 10))
            #expect(page.items.map(\.addresses) == [ann.addresses, []])
        }
    }

    @Test("Shopify's messages for bad and taken contact details", arguments: TestEngine.all)
    func validation(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            _ = try await context.customers.create(shop: shop.id, Self.input("Bob", email: "bob@example.com"))
            let taken = await #expect(throws: ValidationErrors.self) {
                try await context.customers.create(shop: shop.id, Self.input("Rob", email: "BOB@example.com"))
            }
            #expect(taken?.errors.map(\.message) == ["Email has already been taken"])
            let invalid = await #expect(throws: ValidationErrors.self) {
                try await context.customers.create(shop: shop.id, Self.input("Rob", email: "not-an-email", phone: "12"))
            }
            #expect(invalid?.errors.map(\.message) == ["Email is invalid", "Phone is invalid"])
            let empty = await #expect(throws: ValidationErrors.self) {
                try await context.customers.create(shop: shop.id, CustomerInput())
            }
            #expect(empty?.errors.first?.message == "Customer must have a name, phone number or email address")
        }
    }

    @Test("concurrent creates with one email: exactly one succeeds", arguments: TestEngine.all)
    func race(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await context.customers.create(shop: shop.id, Self.input("C\(index)", email: "same@example.com"))
                            return "created"
                        } catch let error as ValidationErrors {
                            return error.errors.first?.message ?? ""
                        }
                    }
                }
                var all: [String] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1)
            #expect(outcomes.filter { $0 == "Email has already been taken" }.count == 9)
        }
    }

    /// Batches that race for the same emails: on PostgreSQL the loser's insert is refused
    /// after its check passed, which ends its transaction; it must still be told which row and
    /// why, not get the database's error.
    @Test("concurrent batch creates with the same emails: one succeeds, the others are told the email is taken",
          arguments: TestEngine.all)
    func batchRace(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let inputs = (0..<3).map { Self.input("B\($0)", email: "batch\($0)@example.com") }
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await context.customers.createMany(shop: shop.id, inputs)
                            return "created"
                        } catch let error as ValidationErrors {
                            return error.errors.first.map { "\($0.code ?? "") \($0.field ?? [])" } ?? ""
                        }
                    }
                }
                var all: [String] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0.hasPrefix("TAKEN [\"0\", \"email\"]") }.count == 7, "\(outcomes)")
        }
    }

    @Test("search by tag, country, tax exemption and text", arguments: TestEngine.all)
    func search(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            _ = try await context.customers.create(shop: shop.id, Self.input("Bob", email: "bob@example.com"))
            var us = Self.input("Alice", email: "alice@example.com", taxExempt: true)
            us.tags = ["retail"]
            us.addresses = [.init(address: MailingAddressDraft(city: "Louisville", provinceCode: "KY", countryCode: "US"))]
            _ = try await context.customers.create(shop: shop.id, us)
            func names(_ query: String) async throws -> [String] {
                try await context.customers.customers(shop: shop.id, matching: SearchQuery(parsing: query), sortedBy: .name,
                                                      page: PageRequest(first: 10)).items.compactMap(\.firstName)
            }
            #expect(try await names("tag:vip") == ["Bob"])
            #expect(try await names("country:US") == ["Alice"])
            #expect(try await names("country:Canada") == ["Bob"])
            #expect(try await names("tax_exempt:true") == ["Alice"])
            #expect(try await names("norman") == ["Alice", "Bob"])
            #expect(try await names("email:alice@example.com OR tag:vip") == ["Alice", "Bob"])
        }
    }
}
