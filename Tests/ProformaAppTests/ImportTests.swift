import Foundation
import ProformaAPI
import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@testable import ProformaApp

@Suite("CSV reading and Shopify export mapping")
struct ImportTests {
    @Test("RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, BOM; records know their line")
    func csv() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,end\n"
        let records = try CSVReader.records(in: text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", "end"]])
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(throws: CSVReader.SyntaxError.self) { try CSVReader.records(in: "a,\"open\n") }
        #expect(throws: CSVReader.SyntaxError.self) { try CSVReader.records(in: "a,b\"c\n") }
    }

    @Test("a Shopify product export maps to products, variants, options and stock")
    func products() throws {
        let table = try CSVTable(text: ShopifyExports.products)
        let parsed = try ProductCSVImporter(table: table, stockLocation: LocationID(7)).parse().get()
        #expect(parsed.inputs.map(\.handle) == ["ocean-blue-shirt", "classic-varsity-top", "gift-card", "spring-jacket"])
        let shirt = parsed.inputs[0]
        #expect(shirt.descriptionHtml == "<p>Soft, light \"ocean\" blue.</p>")
        #expect(shirt.tags == ["men, summer"])
        #expect(shirt.options == [.init(name: "Title", values: ["Default Title"])])
        #expect(shirt.variants?[0].cost == ExactDecimal("12.50"))
        let top = parsed.inputs[1]
        #expect(top.options == [.init(name: "Size", values: ["S", "M"]), .init(name: "Color", values: ["Navy", "Cream"])])
        #expect(top.variants?.count == 4)  // the image-only row is skipped
        #expect(top.variants?[2].inventoryQuantities == [.init(locationID: LocationID(7), quantity: -2)])
        #expect(top.variants?[2].inventoryPolicy == .continue)
        #expect(parsed.variantLines[1] == [3, 4, 6, 7])
        let card = parsed.inputs[2]
        #expect(card.variants?.allSatisfy { $0.requiresShipping == false && $0.taxable == false && $0.tracked == false } == true)
        let jacket = parsed.inputs[3]
        #expect(jacket.status == .draft)
        #expect(jacket.descriptionHtml == "<p>Line one,\nline two</p>")
        #expect(parsed.productLines[3] == 10)
    }

    @Test("bad cells are named by line and column")
    func badCells() throws {
        let broken = ShopifyExports.productHeader + "\n" + """
            a,A,,,,,,TRUE,Size,S,,,,,,,,A-S,heavy,shopify,1,deny,manual,abc,,maybe,TRUE,,,,,,,,,,,,
            a,,,,,,,,,,,,,,,,,A-M,10,shopify,1,sometimes,manual,5,,TRUE,TRUE,,,,,,,,,,,,
            """
        let table = try CSVTable(text: broken)
        guard case .failure(let failure) = ProductCSVImporter(table: table, stockLocation: nil).parse() else {
            Issue.record("expected a failure"); return
        }
        let described = failure.problems.map(\.description)
        #expect(described.contains(#"line 2, column "Variant Price": "abc" is not a decimal number"#))
        #expect(described.contains(#"line 2, column "Variant Grams": "heavy" is not a whole number"#))
        #expect(described.contains(#"line 2, column "Variant Requires Shipping": "maybe" is not TRUE or FALSE"#))
        #expect(described.contains(#"line 3, column "Option1 Value": a value for option "Size" is required"#))
        #expect(described.contains(#"line 3, column "Variant Inventory Policy": must be deny or continue"#))
    }

    @Test("a customer export maps contact details, addresses and exemptions")
    func customers() throws {
        let (inputs, lines) = try CustomerCSVImporter(table: try CSVTable(text: ShopifyExports.customers)).parse().get()
        #expect(lines == [2, 3, 4])
        #expect(inputs[1].note == .set("Prefers email, not phone"))
        #expect(inputs[1].tags == ["vip, newsletter"])
        #expect(inputs[1].acceptsMarketing == true)
        #expect(inputs[1].addresses?.first?.address.address1 == "1, Rue de la Paix")
        #expect(inputs[2].taxExempt == true)
    }

    @Test("service errors land on the row and column they came from", arguments: TestEngine.all)
    func serviceErrors(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            // Two variants of one product with the same options: only the service can tell.
            let duplicate = ShopifyExports.productHeader + "\n" + """
                a,A,,,,,,TRUE,Size,S,,,,,,,,A-1,10,shopify,1,deny,manual,5,,TRUE,TRUE,,,,,,,,,,,,active
                a,,,,,,,,,S,,,,,,,,A-2,10,shopify,1,deny,manual,5,,TRUE,TRUE,,,,,,,,,,,,
                """
            let parsed = try ProductCSVImporter(table: try CSVTable(text: duplicate), stockLocation: nil).parse().get()
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.catalog.setProducts(shop: shop.id, parsed.inputs)
            }
            let problems = error?.errors.map { ProductCSVImporter.problem(for: $0, in: parsed).description }
            #expect(problems == [#"line 3, column "Option1 Value": The variant 'S' already exists"#])
            #expect(try await context.catalog.countProducts(shop: shop.id, matching: .matchAll) == 0)
        }
    }

    @Test("settings files report JSON paths")
    func settingsPaths() {
        #expect(throws: SettingsFile.Invalid.self) { try SettingsFile.load(Data("{".utf8)) }
        do {
            _ = try SettingsFile.load(Data(#"{"shop": {"name": "S", "email": "a@b.co", "currency": "USD", "address": {"countryCode": "US"}}, "taxRates": [{"countryCode": "US", "name": "T", "rate": 5}]}"#.utf8))
            Issue.record("expected an error")
        } catch let error as SettingsFile.Invalid {
            #expect(error.problems == ["$.taxRates[0].rate: expected a string"])
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try SettingsFile.load(Data(#"{"shop": {"name": "S", "email": "a@b.co", "currency": "USD", "address": {"countryCode": "US"}}, "currencies": [{"code": "CAD", "rate": "0"}]}"#.utf8))
            Issue.record("expected an error")
        } catch let error as SettingsFile.Invalid {
            #expect(error.problems == [#"$.currencies[0].rate: must be a positive decimal string like "1.25""#])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let defaults = try AppConfiguration.resolve(.init(), environment: [:])
        #expect(defaults.database == .sqlite(path: "proforma.sqlite"))
        #expect(defaults.port == 8080)
        #expect(defaults.publicURL == "http://127.0.0.1:8080")
        let environment = ["PROFORMA_PORT": "9000", "PROFORMA_DATABASE_URL": "postgres://app@db.internal/proforma",
                           "PROFORMA_PUBLIC_URL": "https://quotes.example.com/", "PROFORMA_LOG_FORMAT": "json"]
        let fromEnvironment = try AppConfiguration.resolve(.init(), environment: environment)
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.publicURL == "https://quotes.example.com")
        #expect(fromEnvironment.logFormat == .json)
        guard case .postgres(let settings) = fromEnvironment.database else { Issue.record("expected postgres"); return }
        #expect(settings.host == "db.internal" && settings.port == 5432 && settings.database == "proforma")
        let fromFlags = try AppConfiguration.resolve(.init(database: "sqlite:/tmp/x.sqlite", port: 7000), environment: environment)
        #expect(fromFlags.port == 7000)
        #expect(fromFlags.database == .sqlite(path: "/tmp/x.sqlite"))

        #expect(defaults.rateLimits == .off)
        #expect(try AppConfiguration.resolve(.init(rateLimit: "standard"), environment: [:]).rateLimits == .standard)
        let custom = try AppConfiguration.resolve(.init(), environment: ["PROFORMA_RATE_LIMIT": "80/4,2000/100"]).rateLimits
        #expect(custom == RateLimits.Settings(rest: .init(capacity: 80, leakPerSecond: 4),
                                              graphQL: .init(capacity: 2000, leakPerSecond: 100), isEnforced: true))
    }

    @Test("bad values name the setting")
    func errors() {
        let cases: [(AppConfiguration.Flags, [String: String], String)] = [
            (.init(database: "mysql://x/y"), [:], "--database: invalid database URL"),
            (.init(), ["PROFORMA_DATABASE_URL": "postgres://host/db"], "PROFORMA_DATABASE_URL: invalid database URL: the user name is missing"),
            (.init(port: 70000), [:], "--port: must be between 1 and 65535"),
            (.init(), ["PROFORMA_PORT": "eighty"], "PROFORMA_PORT: must be a port number"),
            (.init(publicURL: "quotes.example.com"), [:], "--public-url: must start with http:// or https://"),
            (.init(logLevel: "loud"), [:], "--log-level: must be one of"),
            (.init(rateLimit: "fast"), [:], "--rate-limit: must be off, standard"),
            (.init(), ["PROFORMA_RATE_LIMIT": "40/0,1000/50"], "PROFORMA_RATE_LIMIT: must be off, standard"),
        ]
        for (flags, environment, expected) in cases {
            do {
                _ = try AppConfiguration.resolve(flags, environment: environment)
                Issue.record("expected \(expected)")
            } catch {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
        }
    }
}
