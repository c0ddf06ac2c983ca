/// The demo shop's settings document, in the same format `proforma settings import` reads.
enum DemoSettings {
    /// State-level base sales tax rates (2025); states without a sales tax are left out.
    static let usStateRates: [(state: String, rate: String)] = [
        ("AL", "0.04"), ("AZ", "0.056"), ("AR", "0.065"), ("CA", "0.0725"), ("CO", "0.029"), ("CT", "0.0635"),
        ("DC", "0.06"), ("FL", "0.06"), ("GA", "0.04"), ("HI", "0.04"), ("ID", "0.06"), ("IL", "0.0625"),
        ("IN", "0.07"), ("IA", "0.06"), ("KS", "0.065"), ("KY", "0.06"), ("LA", "0.05"), ("ME", "0.055"),
        ("MD", "0.06"), ("MA", "0.0625"), ("MI", "0.06"), ("MN", "0.06875"), ("MS", "0.07"), ("MO", "0.04225"),
        ("NE", "0.055"), ("NV", "0.0685"), ("NJ", "0.06625"), ("NM", "0.04875"), ("NY", "0.04"), ("NC", "0.0475"),
        ("ND", "0.05"), ("OH", "0.0575"), ("OK", "0.045"), ("PA", "0.06"), ("RI", "0.07"), ("SC", "0.06"),
        ("SD", "0.042"), ("TN", "0.07"), ("TX", "0.0625"), ("UT", "0.061"), ("VT", "0.06"), ("VA", "0.053"),
        ("WA", "0.065"), ("WV", "0.06"), ("WI", "0.05"), ("WY", "0.04"),
    ]

    /// Canada: GST everywhere; the provincial part of HST, PST or QST where it applies.
    static let canadianRates: [(province: String?, name: String, rate: String)] = [
        (nil, "GST", "0.05"), ("ON", "HST", "0.08"), ("NB", "HST", "0.10"), ("NL", "HST", "0.10"),
        ("NS", "HST", "0.09"), ("PE", "HST", "0.10"), ("BC", "PST", "0.07"), ("MB", "RST", "0.07"),
        ("SK", "PST", "0.06"), ("QC", "QST", "0.09975"),
    ]

    /// Standard VAT rates of the main EU markets.
    static let euVAT: [(country: String, rate: String)] = [
        ("AT", "0.20"), ("BE", "0.21"), ("DE", "0.19"), ("DK", "0.25"), ("ES", "0.21"), ("FI", "0.255"),
        ("FR", "0.20"), ("IE", "0.23"), ("IT", "0.22"), ("NL", "0.21"), ("PL", "0.23"), ("PT", "0.23"), ("SE", "0.25"),
    ]

    static var json: String {
        var taxRates: [String] = usStateRates.map {
            #"{"countryCode": "US", "provinceCode": "\#($0.state)", "name": "\#($0.state) State Tax", "rate": "\#($0.rate)", "shipping": false}"#
        }
        taxRates += canadianRates.map {
            let province = $0.province.map { "\"\($0)\"" } ?? "null"
            return #"{"countryCode": "CA", "provinceCode": \#(province), "name": "\#($0.name)", "rate": "\#($0.rate)", "shipping": true}"#
        }
        taxRates += euVAT.map {
            #"{"countryCode": "\#($0.country)", "provinceCode": null, "name": "VAT", "rate": "\#($0.rate)", "shipping": true}"#
        }
        let euCountries = euVAT.map { "\"\($0.country)\"" }.joined(separator: ", ")
        return """
            {
              "shop": {"name": "Snowdevil Outfitters", "email": "orders@snowdevil.example", "currency": "USD",
                       "taxesIncluded": false, "domain": "snowdevil.example", "weightUnit": "KILOGRAMS",
                       "address": {"company": "Snowdevil Outfitters", "address1": "1200 Bardstown Rd", "city": "Louisville",
                                   "provinceCode": "KY", "countryCode": "US", "zip": "40204", "phone": "+15025550100"}},
              "locations": [
                {"name": "Main warehouse", "address": {"address1": "4500 Poplar Level Rd", "city": "Louisville",
                                                       "provinceCode": "KY", "countryCode": "US", "zip": "40213"}},
                {"name": "Toronto showroom", "address": {"address1": "220 King St W", "city": "Toronto",
                                                         "provinceCode": "ON", "countryCode": "CA", "zip": "M5H 1K4"}}
              ],
              "taxRates": [
                \(taxRates.joined(separator: ",\n    "))
              ],
              "shippingRates": [
                {"name": "Standard", "countryCodes": ["US", "CA"], "price": "10.00", "maxSubtotal": "199.99"},
                {"name": "Free shipping", "countryCodes": ["US", "CA"], "price": "0.00", "minSubtotal": "200.00"},
                {"name": "Express", "countryCodes": ["US"], "price": "25.00", "maxWeightGrams": 20000},
                {"name": "Freight", "countryCodes": ["US", "CA"], "price": "75.00", "minWeightGrams": 20000},
                {"name": "International", "countryCodes": [\(euCountries), "GB"], "price": "35.00"}
              ],
              "currencies": [
                {"code": "CAD", "rate": "1.37", "roundTo": "0.99"},
                {"code": "EUR", "rate": "0.92", "roundTo": "0.95"},
                {"code": "GBP", "rate": "0.79", "roundTo": "0.99"},
                {"code": "JPY", "rate": "152"}
              ],
              "paymentGateways": [
                {"name": "Bank Deposit", "kind": "manual"},
                {"name": "Cash on Delivery (COD)", "kind": "manual"},
                {"name": "Money Order", "kind": "manual"},
                {"name": "Bogus Gateway", "kind": "bogus"}
              ]
            }
            """
    }
}
