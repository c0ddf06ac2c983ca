public enum CustomerState: String, Sendable, Hashable, CaseIterable {
    case disabled = "DISABLED"
    case invited = "INVITED"
    case enabled = "ENABLED"
    case declined = "DECLINED"
}

/// A buyer. Drafts take their contact details, default address and tax exemption from here.
public struct Customer: Sendable, Hashable {
    public var id: CustomerID
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var note: String?
    public var tags: [String]
    public var taxExempt: Bool
    public var acceptsMarketing: Bool
    public var state: CustomerState
    public var locale: String
    public var addresses: [CustomerAddress]
    public var defaultAddressID: CustomerAddressID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: CustomerID, firstName: String?, lastName: String?, email: String?, phone: String?,
                note: String?, tags: [String], taxExempt: Bool, acceptsMarketing: Bool, state: CustomerState,
                locale: String, addresses: [CustomerAddress], defaultAddressID: CustomerAddressID?,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.note = note
        self.tags = tags
        self.taxExempt = taxExempt
        self.acceptsMarketing = acceptsMarketing
        self.state = state
        self.locale = locale
        self.addresses = addresses
        self.defaultAddressID = defaultAddressID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var defaultAddress: CustomerAddress? {
        addresses.first { $0.id == defaultAddressID } ?? addresses.first
    }

    /// "First Last", else the email, else the phone: what staff see in lists.
    public var displayName: String {
        switch (firstName?.nonEmpty, lastName?.nonEmpty) {
        case let (first?, last?): first + " " + last
        case let (first?, nil): first
        case let (nil, last?): last
        case (nil, nil): email ?? phone ?? ""
        }
    }
}

public struct CustomerAddress: Sendable, Hashable {
    public var id: CustomerAddressID
    public var address: MailingAddress

    public init(id: CustomerAddressID, address: MailingAddress) {
        self.id = id
        self.address = address
    }
}
