import Crypto
import ProformaCore

/// The secure links customers open to see and pay a draft:
/// `{public URL}/{shop id}/invoices/{32 hex}`.
///
/// A link's token is 128 bits of HMAC-SHA256 over the shop and the draft's number, keyed by
/// the installation's secret key: unguessable without the key, and computable again whenever
/// the draft is shown, so the token itself is never stored. The store keeps only its SHA-256,
/// to find the draft a presented token belongs to.
public struct InvoiceLinks: Sendable {
    public let publicURL: String
    private let key: SymmetricKey

    public init(publicURL: String, secretKey: [UInt8]) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.key = SymmetricKey(data: secretKey)
    }

    public func token(shop: ShopID, draftNumber: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("invoice:\(shop.rawValue):\(draftNumber)".utf8), using: key)
        return Array(mac).prefix(16).hexString
    }

    public func url(shop: ShopID, draftNumber: Int64) -> String {
        "\(publicURL)/\(shop.rawValue)/invoices/\(token(shop: shop, draftNumber: draftNumber))"
    }

    /// What the store keeps of a token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).hexString
    }

    public func tokenHash(shop: ShopID, draftNumber: Int64) -> String {
        Self.hash(token(shop: shop, draftNumber: draftNumber))
    }
}
