import ProformaCore
import ProformaJSON
@testable import ProformaServices
import Testing

@Suite("A draft's stored document, written directly")
struct DraftOrderDocumentTextTests {
    static let address = MailingAddress(
        firstName: "Zoë \"Z\"", lastName: "O'Neil </script>", company: "Acme / Sons", address1: "1 Main St\n",
        address2: "Suite \\2", city: "Louisville", provinceCode: "KY", countryCode: "US", zip: "40202",
        phone: "+1\u{1}502")

    static let rates = [
        TaxRate(id: TaxRateID(7), countryCode: CountryCode(rawValue: "US")!, provinceCode: "KY", name: "Kentucky", rate: ExactDecimal("0.06")!,
                appliesToShipping: true),
        TaxRate(countryCode: CountryCode(rawValue: "CA")!, provinceCode: nil, name: "GST/HST", rate: ExactDecimal("0.05")!, appliesToShipping: false),
    ]

    static let everything: DraftOrderDocument = {
        var document = DraftOrderDocument(draft(settings: CalculationSettings(
            conversion: CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(
                code: .cad, rate: ExactDecimal("1.3625")!, roundTo: ExactDecimal("0.99")!)),
            taxesIncluded: true, taxRates: rates, shopAddress: address, taxExempt: true)))
        document.customAttributes = [Attribute(key: "channel", value: "phone/fax"), Attribute(key: "", value: "")]
        document.billingAddress = address
        document.shippingAddress = MailingAddress(countryCode: "CA")
        document.appliedDiscount = AppliedDiscount(title: "Loyal", description: "Ten off", valueType: .fixedAmount,
                                                   value: ExactDecimal("10.5")!,
                                                   amountWithCurrency: Money(minorUnits: 1_050, currency: .cad))
        document.shippingLine = DraftShippingLine(title: "Ground \"2-day\"", price: Money(minorUnits: 1_250, currency: .cad),
                                                  rateHandle: "ground-2")
        document.taxExempt = true
        document.visibleToCustomer = true
        document.allowDiscountCodesInCheckout = true
        document.acceptAutomaticDiscounts = true
        document.discountCodes = ["SPRING", "vip/10"]
        document.paymentTerms = DraftPaymentTerms(templateID: 4, issuedAt: Timestamp(millisecondsSince1970: 1_764_806_400_000),
                                                  dueAt: Timestamp(millisecondsSince1970: -1))
        document.originalTags = ["Rush", "wholesale", "ünïcode"]
        return document
    }()

    static func draft(settings: CalculationSettings) -> DraftOrder {
        DraftOrder(
            id: DraftOrderID(1), number: 1, status: .open, customerID: nil, email: nil, phone: nil, note: nil, poNumber: nil,
            sourceName: nil, tags: [], customAttributes: [], metafields: [], billingAddress: nil, shippingAddress: nil,
            lines: [], appliedDiscount: nil, shippingLine: nil, taxExempt: false, visibleToCustomer: false,
            allowDiscountCodesInCheckout: false, acceptAutomaticDiscounts: false, discountCodes: [],
            reserveInventoryUntil: nil, paymentTerms: nil, settings: settings, invoiceSentAt: nil, completedAt: nil,
            orderID: nil, createdAt: Timestamp(millisecondsSince1970: 0), updatedAt: Timestamp(millisecondsSince1970: 0),
            version: 1)
    }

    static let documents: [DraftOrderDocument] = [
        everything,
        // Nothing optional, the shop's own currency, no tax rates.
        DraftOrderDocument(draft(settings: CalculationSettings(conversion: CurrencyConversion(shopCurrency: .eur,
                                                                                             presentment: nil)))),
        {
            var document = DraftOrderDocument(draft(settings: CalculationSettings(
                conversion: CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(
                    code: .jpy, rate: ExactDecimal("151.2")!, roundTo: nil)),
                taxesIncluded: true, taxRates: [rates[1]])))
            // Flags that differ from each other here or below, so that no two can be swapped unnoticed.
            document.acceptAutomaticDiscounts = true
            document.taxExempt = true
            document.appliedDiscount = AppliedDiscount(valueType: .percentage, value: 15)
            document.shippingLine = DraftShippingLine(title: "", price: Money(minorUnits: 0, currency: .jpy))
            document.paymentTerms = DraftPaymentTerms(templateID: 1)
            return document
        }(),
        {
            var document = DraftOrderDocument(draft(settings: CalculationSettings(
                conversion: CurrencyConversion(shopCurrency: .usd, presentment: nil), taxExempt: true)))
            document.acceptAutomaticDiscounts = true
            document.allowDiscountCodesInCheckout = true
            return document
        }(),
    ]

    @Test("is the text Encodable gives, with and without every optional part, and reads back as the document")
    func sameAsEncodable() throws {
        for document in Self.documents {
            let written = document.storedText
            #expect(written == StoredJSON.encode(document))
            let read = try JSONDocumentDecoder().decode(DraftOrderDocument.self, from: written)
            #expect(read.storedText == written)
        }
    }

    @Test("covers every property of the document and the types in it (a new one must be written, and set above)")
    func everyProperty() {
        let document = Self.everything
        let counts: [String: Int] = [
            "DraftOrderDocument": Mirror(reflecting: document).children.count,
            "MailingAddress": Mirror(reflecting: Self.address).children.count,
            "AppliedDiscount": Mirror(reflecting: document.appliedDiscount!).children.count,
            "Attribute": Mirror(reflecting: document.customAttributes[0]).children.count,
            "DraftShippingLine": Mirror(reflecting: document.shippingLine!).children.count,
            "DraftPaymentTerms": Mirror(reflecting: document.paymentTerms!).children.count,
            "CalculationSettings": Mirror(reflecting: document.settings).children.count,
            "CurrencyConversion": Mirror(reflecting: document.settings.conversion).children.count,
            "TaxRate": Mirror(reflecting: Self.rates[0]).children.count,
            "Money": Mirror(reflecting: document.shippingLine!.price).children.count,
        ]
        #expect(counts == DraftOrderDocument.writtenProperties)
    }
}
