import Crypto
import Foundation
import ProformaCore

/// The secure links customers open to see and pay a draft:
/// `{public URL}/{shop id}/invoices/{32 hex}`.
///
/// Every draft gets a token of 128 random bits. The store keeps its SHA-256, to find the draft
/// a presented token belongs to, and the token sealed (AES-GCM) under a key derived from the
/// installation's secret key, to show the link again. With the secret key supplied from
/// outside (`PROFORMA_SECRET_KEY`), a copy of the database alone reveals no link.
public struct InvoiceLinks: Sendable {
    public let publicURL: String
    private let sealingKey: SymmetricKey
    private let formKey: SymmetricKey

    public init(publicURL: String, secretKey: [UInt8]) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.sealingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secretKey),
                                                 info: Array("proforma invoice tokens".utf8), outputByteCount: 32)
        self.formKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secretKey),
                                              info: Array("proforma checkout forms".utf8), outputByteCount: 32)
    }

    /// Whether the text has a token's form (32 lowercase hex digits): anything else is refused
    /// before it reaches the database.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// The anti-forgery token the checkout forms of one invoice link carry.
    public func formToken(for token: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Array(token.utf8), using: formKey)).hexString
    }

    /// Checks a posted form token, in constant time.
    public func isValidFormToken(_ posted: String, for token: String) -> Bool {
        Self.constantTimeEqual(Array(posted.utf8), Array(formToken(for: token).utf8))
    }

    /// Compares without stopping at the first difference, so timing reveals nothing.
    public static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// A new token for a draft.
    public func issue() -> StoredInvoiceToken {
        let token = RandomToken.bytes(16)
        // Sealing with a fresh random nonce cannot fail, and the combined form exists for it.
        let sealed = try! AES.GCM.seal(token, using: sealingKey).combined!
        return StoredInvoiceToken(hash: Self.hash(token.hexString), sealed: sealed.base64EncodedString())
    }

    /// The draft's link, or nil when its token was sealed under another key (the secret key
    /// was replaced, which retires every link made before).
    public func url(shop: ShopID, token: StoredInvoiceToken) -> String? {
        guard let data = Data(base64Encoded: token.sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let opened = try? AES.GCM.open(box, using: sealingKey) else { return nil }
        return "\(publicURL)/\(shop.rawValue)/invoices/\(Array(opened).hexString)"
    }

    /// What the store keeps to recognize a presented token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).hexString
    }
}
