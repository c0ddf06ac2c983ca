import ProformaCore
import Testing

@Suite("Customers")
struct CustomerTests {
    @Test("the display name is the first and last name, else the email, else the phone")
    func displayName() {
        func customer(_ first: String?, _ last: String?, email: String? = "bob@example.com", phone: String? = "+16135551212") -> Customer {
            Customer(id: CustomerID(1), firstName: first, lastName: last, email: email, phone: phone, note: nil, tags: [],
                     taxExempt: false, acceptsMarketing: false, state: .enabled, locale: "en", addresses: [],
                     defaultAddressID: nil, createdAt: Timestamp(millisecondsSince1970: 0),
                     updatedAt: Timestamp(millisecondsSince1970: 0))
        }
        #expect(customer("Bob", "Bobsen").displayName == "Bob Bobsen")
        #expect(customer("Bob", nil).displayName == "Bob")
        #expect(customer("", "Bobsen").displayName == "Bobsen")
        #expect(customer(nil, "").displayName == "bob@example.com")
        #expect(customer(nil, nil, email: nil).displayName == "+16135551212")
        #expect(customer(nil, nil, email: nil, phone: nil).displayName == "")
    }
}
