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

    public init(publicURL: String, secretKey: [UInt8]) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.sealingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secretKey),
                                                 info: Array("proforma invoice tokens".utf8), outputByteCount: 32)
    }

    /// A new token for a draft.
    public func issue() -> StoredInvoiceToken {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
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
