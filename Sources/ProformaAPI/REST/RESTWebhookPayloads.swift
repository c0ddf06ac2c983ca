import ProformaCore
import ProformaServices

/// Webhook bodies: the resource's REST JSON, the very shape `GET` answers with.
public struct RESTWebhookPayloads: WebhookPayloadRenderer {
    public init() {}

    public func draftOrder(_ draft: DraftOrder, customer: Customer?, invoiceURL: String?) -> String {
        text(.object(DraftOrderRESTShape.draftOrder(draft, customer: customer, invoiceURL: invoiceURL)))
    }

    public func order(_ order: Order, customer: Customer?) -> String {
        text(.object(OrderREST.order(order, customer: customer)))
    }

    public func inventoryLevel(_ level: InventoryLevel) -> String {
        text(.object(CatalogREST.inventoryLevel(level)))
    }

    private func text(_ value: RESTValue) -> String { String(decoding: value.bytes, as: UTF8.self) }
}
