import ProformaCore
import ProformaServices
import SQLKit

struct SQLShopRepository: ShopRepository {
    let context: SQLContext

    func insertShop(_ profile: ShopProfile, at time: Timestamp) async throws -> Shop {
        let id = try await context.insertReturningID("""
            INSERT INTO shops (name, email, currency, taxes_included, address, domain, weight_unit, created_at, updated_at)
            VALUES (\(bind: profile.name), \(bind: profile.email), \(bind: profile.currency.rawValue),
                    \(bind: profile.taxesIncluded), \(bind: StoredJSON.encode(profile.address)), \(bind: profile.domain),
                    \(bind: profile.weightUnit.rawValue), \(bind: time.stored), \(bind: time.stored))
            """)
        try await DraftNumbers.start(shop: ShopID(id), in: context)
        return Shop(id: ShopID(id), profile: profile, createdAt: time, updatedAt: time)
    }

    func updateShop(_ id: ShopID, profile: ShopProfile, at time: Timestamp) async throws {
        context.memo.currencies[id] = nil
        try await context.run("""
            UPDATE shops SET name = \(bind: profile.name), email = \(bind: profile.email),
                currency = \(bind: profile.currency.rawValue), taxes_included = \(bind: profile.taxesIncluded),
                address = \(bind: StoredJSON.encode(profile.address)), domain = \(bind: profile.domain),
                weight_unit = \(bind: profile.weightUnit.rawValue), updated_at = \(bind: time.stored)
            WHERE id = \(bind: id.rawValue)
            """)
        try await context.settingsChanged(id)
    }

    func shop(_ id: ShopID) async throws -> Shop? {
        let shop = try await context.first("SELECT * FROM shops WHERE id = \(bind: id.rawValue)").map(Self.shop(from:))
        // The rest of the transaction asks for the currency again; it is known now.
        if let shop { context.memo.currencies[id] = shop.profile.currency }
        return shop
    }

    func allShops() async throws -> [Shop] {
        try await context.all("SELECT * FROM shops ORDER BY id").map(Self.shop(from:))
    }

    func versions(_ id: ShopID) async throws -> ShopVersions? {
        guard let row = try await context.first("""
            SELECT settings_version, catalog_version, currency FROM shops WHERE id = \(bind: id.rawValue)
            """) else { return nil }
        // As `shop(_:)` does: the rest of the transaction asks for the currency again.
        context.memo.currencies[id] = try Self.currency(from: row)
        return ShopVersions(settings: try row.int64("settings_version"), catalog: try row.int64("catalog_version"))
    }

    private static func currency(from row: any SQLRow) throws -> CurrencyCode {
        guard let currency = CurrencyCode(rawValue: try row.string("currency")) else {
            throw SQLStoreError.corruptColumn("shops.currency")
        }
        return currency
    }

    static func shop(from row: any SQLRow) throws -> Shop {
        let profile = ShopProfile(
            name: try row.string("name"), email: try row.string("email"), currency: try currency(from: row),
            taxesIncluded: try row.bool("taxes_included"), address: try row.json("address", as: MailingAddress.self),
            domain: try row.optionalString("domain"),
            weightUnit: WeightUnit(rawValue: try row.string("weight_unit")) ?? .kilograms)
        return Shop(id: ShopID(try row.int64("id")), profile: profile, createdAt: try row.timestamp("created_at"),
                    updatedAt: try row.timestamp("updated_at"), settingsVersion: try row.int64("settings_version"))
    }

    func locations(shop: ShopID) async throws -> [Location] {
        try await context.all("SELECT * FROM locations WHERE shop_id = \(bind: shop.rawValue) ORDER BY id").map { row in
            Location(id: LocationID(try row.int64("id")), name: try row.string("name"),
                     address: try row.json("address", as: MailingAddress.self), isActive: try row.bool("is_active"),
                     createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
        }
    }

    func upsertLocation(shop: ShopID, _ settings: LocationSettings, at time: Timestamp) async throws -> Location {
        try await context.settingsChanged(shop)
        let address = StoredJSON.encode(settings.address)
        if let row = try await context.first("""
            SELECT id, created_at FROM locations WHERE shop_id = \(bind: shop.rawValue) AND name = \(bind: settings.name)
            """) {
            let id = try row.int64("id")
            try await context.run("""
                UPDATE locations SET address = \(bind: address), is_active = \(bind: true), updated_at = \(bind: time.stored)
                WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
                """)
            return Location(id: LocationID(id), name: settings.name, address: settings.address,
                            createdAt: try row.timestamp("created_at"), updatedAt: time)
        }
        let id = try await context.insertReturningID("""
            INSERT INTO locations (shop_id, name, address, is_active, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: settings.name), \(bind: address), \(bind: true),
                    \(bind: time.stored), \(bind: time.stored))
            """)
        return Location(id: LocationID(id), name: settings.name, address: settings.address, createdAt: time, updatedAt: time)
    }

    func taxRates(shop: ShopID) async throws -> [TaxRate] {
        try await context.all("SELECT * FROM tax_rates WHERE shop_id = \(bind: shop.rawValue) ORDER BY position").map { row in
            guard let country = CountryCode(rawValue: try row.string("country_code")) else {
                throw SQLStoreError.corruptColumn("tax_rates.country_code")
            }
            return TaxRate(id: TaxRateID(try row.int64("id")), countryCode: country,
                           provinceCode: try row.optionalString("province_code"), name: try row.string("name"),
                           rate: try row.decimal("rate"), appliesToShipping: try row.bool("applies_to_shipping"))
        }
    }

    func replaceTaxRates(shop: ShopID, with rates: [TaxRate]) async throws {
        try await context.settingsChanged(shop)
        try await context.run("DELETE FROM tax_rates WHERE shop_id = \(bind: shop.rawValue)")
        for (position, rate) in rates.enumerated() {
            try await context.run("""
                INSERT INTO tax_rates (shop_id, position, country_code, province_code, name, rate, applies_to_shipping)
                VALUES (\(bind: shop.rawValue), \(bind: position), \(bind: rate.countryCode.rawValue),
                        \(bind: rate.provinceCode), \(bind: rate.name), \(bind: rate.rate.description),
                        \(bind: rate.appliesToShipping))
                """)
        }
    }

    func shippingRates(shop: ShopID) async throws -> [ShippingRate] {
        guard let currency = try await context.currency(of: shop) else { return [] }
        return try await context.all("""
            SELECT * FROM shipping_rates WHERE shop_id = \(bind: shop.rawValue) ORDER BY position
            """).map { row in
            let money = { (column: String) throws -> Money? in
                try row.optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
            }
            return ShippingRate(
                id: ShippingRateID(try row.int64("id")), name: try row.string("name"),
                countryCodes: try row.string("country_codes").split(separator: ",").compactMap { CountryCode(rawValue: String($0)) },
                price: Money(minorUnits: try row.int64("price"), currency: currency),
                minSubtotal: try money("min_subtotal"), maxSubtotal: try money("max_subtotal"),
                minWeightGrams: try row.optionalInt64("min_weight_grams"),
                maxWeightGrams: try row.optionalInt64("max_weight_grams"))
        }
    }

    func replaceShippingRates(shop: ShopID, with rates: [ShippingRate]) async throws {
        try await context.settingsChanged(shop)
        try await context.run("DELETE FROM shipping_rates WHERE shop_id = \(bind: shop.rawValue)")
        for (position, rate) in rates.enumerated() {
            try await context.run("""
                INSERT INTO shipping_rates (shop_id, position, name, country_codes, price, min_subtotal, max_subtotal,
                                            min_weight_grams, max_weight_grams)
                VALUES (\(bind: shop.rawValue), \(bind: position), \(bind: rate.name),
                        \(bind: rate.countryCodes.map(\.rawValue).joined(separator: ",")), \(bind: rate.price.minorUnits),
                        \(bind: rate.minSubtotal?.minorUnits), \(bind: rate.maxSubtotal?.minorUnits),
                        \(bind: rate.minWeightGrams), \(bind: rate.maxWeightGrams))
                """)
        }
    }

    func currencies(shop: ShopID) async throws -> [PresentmentCurrency] {
        try await context.all("""
            SELECT * FROM presentment_currencies WHERE shop_id = \(bind: shop.rawValue) ORDER BY code
            """).map { row in
            guard let code = CurrencyCode(rawValue: try row.string("code")) else {
                throw SQLStoreError.corruptColumn("presentment_currencies.code")
            }
            return PresentmentCurrency(code: code, rate: try row.decimal("rate"),
                                       roundTo: try row.optionalString("round_to").flatMap(ExactDecimal.init))
        }
    }

    func replaceCurrencies(shop: ShopID, with currencies: [PresentmentCurrency]) async throws {
        try await context.settingsChanged(shop)
        try await context.run("DELETE FROM presentment_currencies WHERE shop_id = \(bind: shop.rawValue)")
        for currency in currencies {
            try await context.run("""
                INSERT INTO presentment_currencies (shop_id, code, rate, round_to)
                VALUES (\(bind: shop.rawValue), \(bind: currency.code.rawValue), \(bind: currency.rate.description),
                        \(bind: currency.roundTo?.description))
                """)
        }
    }

    func paymentGateways(shop: ShopID, includingDisabled: Bool) async throws -> [PaymentGatewayAccount] {
        let filter: SQLQueryString = includingDisabled ? "" : " AND is_enabled = \(true)"
        return try await context.all("""
            SELECT * FROM payment_gateways WHERE shop_id = \(bind: shop.rawValue)\(filter) ORDER BY position, id
            """).map { row in
            guard let kind = PaymentGatewayAccount.Kind(rawValue: try row.string("kind")) else {
                throw SQLStoreError.corruptColumn("payment_gateways.kind")
            }
            return PaymentGatewayAccount(id: PaymentGatewayID(try row.int64("id")), name: try row.string("name"), kind: kind)
        }
    }

    func replacePaymentGateways(shop: ShopID, with gateways: [PaymentGatewayAccount]) async throws {
        try await context.settingsChanged(shop)
        try await context.run("UPDATE payment_gateways SET is_enabled = \(false) WHERE shop_id = \(bind: shop.rawValue)")
        for (position, gateway) in gateways.enumerated() {
            if let row = try await context.first("""
                SELECT id FROM payment_gateways WHERE shop_id = \(bind: shop.rawValue) AND name = \(bind: gateway.name)
                """) {
                try await context.run("""
                    UPDATE payment_gateways SET kind = \(bind: gateway.kind.rawValue), position = \(bind: position),
                        is_enabled = \(true)
                    WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: try row.int64("id"))
                    """)
            } else {
                try await context.run("""
                    INSERT INTO payment_gateways (shop_id, position, name, kind, is_enabled)
                    VALUES (\(bind: shop.rawValue), \(bind: position), \(bind: gateway.name),
                            \(bind: gateway.kind.rawValue), \(true))
                    """)
            }
        }
    }

    func mailerURL(shop: ShopID) async throws -> String? {
        try await context.first("SELECT mailer_url FROM shops WHERE id = \(bind: shop.rawValue)")?.optionalString("mailer_url")
    }

    func setMailerURL(shop: ShopID, _ url: String?) async throws {
        try await context.run("UPDATE shops SET mailer_url = \(bind: url) WHERE id = \(bind: shop.rawValue)")
    }
}
