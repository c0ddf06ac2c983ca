/// Shopify access scopes. A `write_` scope implies its `read_` twin, as in Shopify.
public enum AccessScope: String, Sendable, Hashable, CaseIterable, Comparable {
    case readProducts = "read_products"
    case writeProducts = "write_products"
    case readCustomers = "read_customers"
    case writeCustomers = "write_customers"
    case readInventory = "read_inventory"
    case writeInventory = "write_inventory"
    case readLocations = "read_locations"
    case readDraftOrders = "read_draft_orders"
    case writeDraftOrders = "write_draft_orders"
    case readOrders = "read_orders"
    case writeOrders = "write_orders"
    case readPaymentTerms = "read_payment_terms"
    case writePaymentTerms = "write_payment_terms"
    case readShipping = "read_shipping"
    case writeShipping = "write_shipping"

    public static func < (lhs: AccessScope, rhs: AccessScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The read scope a write scope carries with it.
    public var impliedScopes: [AccessScope] {
        switch self {
        case .writeProducts: [.readProducts]
        case .writeCustomers: [.readCustomers]
        case .writeInventory: [.readInventory]
        case .writeDraftOrders: [.readDraftOrders]
        case .writeOrders: [.readOrders]
        case .writePaymentTerms: [.readPaymentTerms]
        case .writeShipping: [.readShipping]
        default: []
        }
    }

    /// Parses a comma-separated list; `all` grants every scope.
    public static func parseList(_ text: String) -> Result<Set<AccessScope>, ValidationErrors> {
        var scopes = Set<AccessScope>()
        var errors = ValidationErrors()
        for item in text.split(separator: ",").map({ $0.trimmingWhitespace() }) where !item.isEmpty {
            if item == "all" {
                scopes.formUnion(AccessScope.allCases)
            } else if let scope = AccessScope(rawValue: item) {
                scopes.insert(scope)
            } else {
                errors.add(["scopes"], "unknown scope \"\(item)\"")
            }
        }
        if scopes.isEmpty && errors.isEmpty { errors.add(["scopes"], "name at least one scope, or all") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(scopes)
    }
}

/// The scopes a credential was granted, with write scopes expanded to their reads.
///
/// Kept as bit masks, one bit per scope in `allCases` order: every request reads its token's
/// scopes again, and building two `Set`s of them was most of a percent of a create's CPU.
public struct ScopeSet: Sendable, Hashable {
    private let grantedBits: UInt32
    private let effectiveBits: UInt32

    public init(_ granted: some Sequence<AccessScope>) {
        var grants: UInt32 = 0
        var effective: UInt32 = 0
        for scope in granted {
            grants |= scope.bit
            effective |= scope.effectiveBits
        }
        grantedBits = grants
        effectiveBits = effective
    }

    public static let all = ScopeSet(AccessScope.allCases)

    public var granted: Set<AccessScope> { Set(AccessScope.allCases.filter { grantedBits & $0.bit != 0 }) }

    /// The granted scopes' names in order, separated by commas, as the store keeps them and
    /// the CLI lists them.
    public var nameList: String {
        granted.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// Reads `nameList` back, skipping names this build does not know. Every request reads
    /// its token's list again, and splitting it by `Character` (which walks grapheme clusters)
    /// was about 1% of a create's CPU: the commas are found among the bytes, and each name is
    /// looked up as a slice of the list.
    public init(nameList: String) {
        var grants: UInt32 = 0
        var effective: UInt32 = 0
        let bytes = nameList.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.endIndex
            if let bits = AccessScope.bitsByName[nameList[start..<end]] {
                grants |= bits.granted
                effective |= bits.effective
            }
            start = end == bytes.endIndex ? end : bytes.index(after: end)
        }
        grantedBits = grants
        effectiveBits = effective
    }

    public func allows(_ scope: AccessScope) -> Bool { effectiveBits & scope.bit != 0 }
}

extension AccessScope {
    /// `allCases`, made once: the bits are asked for on every request.
    private static let ordered = allCases

    fileprivate var bit: UInt32 {
        // Fewer than 32 scopes; a test checks that every scope has a bit of its own.
        1 << UInt32(Self.ordered.firstIndex(of: self)!)
    }

    /// The scope's bit and those of the reads it implies.
    fileprivate var effectiveBits: UInt32 {
        impliedScopes.reduce(bit) { $0 | $1.bit }
    }

    /// Each scope's own bit and its effective bits, by name.
    fileprivate static let bitsByName: [Substring: (granted: UInt32, effective: UInt32)] =
        Dictionary(uniqueKeysWithValues: allCases.map { (Substring($0.rawValue), ($0.bit, $0.effectiveBits)) })
}

/// An Admin API credential. Only a hash of the secret is ever stored.
public struct AccessToken: Sendable, Hashable {
    public var id: AccessTokenID
    public var shopID: ShopID
    public var name: String
    public var scopes: ScopeSet
    /// The first characters of the secret, kept to tell tokens apart in listings.
    public var prefix: String
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?

    public init(id: AccessTokenID, shopID: ShopID, name: String, scopes: ScopeSet, prefix: String,
                createdAt: Timestamp, lastUsedAt: Timestamp?, revokedAt: Timestamp?) {
        self.id = id
        self.shopID = shopID
        self.name = name
        self.scopes = scopes
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// What a staff member may do in the web admin beyond building and sending drafts, which
/// every role may.
public enum StaffPermission: String, Sendable, CaseIterable {
    case markAsPaid = "mark_as_paid"
    case completePaymentPending = "complete_payment_pending"
    case deleteDrafts = "delete_drafts"
    case manageSettings = "manage_settings"
    case manageTokens = "manage_tokens"
}

/// A staff member's role. `sales` builds, reserves and sends drafts; `admin` also takes
/// payments, deletes and runs the shop's settings.
public enum StaffRole: String, Sendable, CaseIterable {
    case admin
    case sales

    public var permissions: Set<StaffPermission> {
        switch self {
        case .admin: Set(StaffPermission.allCases)
        case .sales: []
        }
    }

    public func allows(_ permission: StaffPermission) -> Bool {
        permissions.contains(permission)
    }
}

/// A person who signs in to the staff web admin.
public struct StaffMember: Sendable, Hashable {
    public var id: StaffMemberID
    public var shopID: ShopID
    public var email: String
    public var role: StaffRole
    public var createdAt: Timestamp

    public init(id: StaffMemberID, shopID: ShopID, email: String, role: StaffRole, createdAt: Timestamp) {
        self.id = id
        self.shopID = shopID
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}
