import ProformaCore
import ProformaServices

/// Customers in the markets the demo shop serves; the ski school is tax-exempt.
enum DemoCustomers {
    static var inputs: [CustomerInput] {
        [
            customer("Bob", "Norman", "bob.norman@example.com", "+15025550123", tags: ["vip"],
                     address: .init(address1: "812 E Market St", city: "Louisville", provinceCode: "KY", countryCode: "US", zip: "40206")),
            customer("Ava", "Chen", "ava.chen@example.com", "+12125550188", tags: ["newsletter"],
                     address: .init(address1: "55 W 46th St", city: "New York", provinceCode: "NY", countryCode: "US", zip: "10036")),
            customer("Diego", "Ramirez", "diego@example.com", nil, tags: [],
                     address: .init(address1: "1 Infinite Loop", city: "Cupertino", provinceCode: "CA", countryCode: "US", zip: "95014")),
            customer("Chloé", "Tremblay", "chloe.tremblay@example.ca", "+15145550177", tags: ["french"],
                     address: .init(address1: "1250 Rue Sainte-Catherine", city: "Montréal", provinceCode: "QC",
                                    countryCode: "CA", zip: "H3B 1B1")),
            customer("Liam", "O'Brien", "liam.obrien@example.ca", "+16135550142", tags: ["wholesale"],
                     address: .init(address1: "150 Elgin St", city: "Ottawa", provinceCode: "ON", countryCode: "CA", zip: "K2P 1L4")),
            customer("Mia", "Schmidt", "mia.schmidt@example.de", nil, tags: [],
                     address: .init(address1: "Friedrichstraße 43", city: "Berlin", countryCode: "DE", zip: "10117")),
            customer("Oliver", "Hughes", "oliver.hughes@example.co.uk", nil, tags: [],
                     address: .init(address1: "10 Downing St", city: "London", countryCode: "GB", zip: "SW1A 2AA")),
            customer("Northwind", "Ski School", "purchasing@northwind-ski.example", "+15025550999",
                     tags: ["wholesale", "tax-exempt"], taxExempt: true,
                     note: "Non-profit ski school; exemption certificate on file.",
                     address: .init(company: "Northwind Ski School", address1: "3 Slope Rd", city: "Lexington",
                                    provinceCode: "KY", countryCode: "US", zip: "40507")),
        ]
    }

    private static func customer(_ first: String, _ last: String, _ email: String, _ phone: String?, tags: [String],
                                 taxExempt: Bool = false, note: String? = nil,
                                 address: MailingAddressDraft) -> CustomerInput {
        var input = CustomerInput()
        input.firstName = .set(first)
        input.lastName = .set(last)
        input.email = .set(email)
        if let phone { input.phone = .set(phone) }
        if let note { input.note = .set(note) }
        input.tags = tags
        input.taxExempt = taxExempt
        var address = address
        address.firstName = first
        address.lastName = last
        input.addresses = [.init(address: address)]
        return input
    }
}
