import ProformaCore
import ProformaServices

/// `draftOrderInvoicePreview` and `draftOrderInvoiceSend`.
enum InvoiceSchema {
    static let sdl = """
        input EmailInput {
          to: String
          from: String
          bcc: [String!]
          subject: String
          customMessage: String
        }

        type DraftOrderInvoicePreviewPayload {
          previewHtml: HTML
          previewSubject: HTML
          userErrors: [UserError!]!
        }

        type DraftOrderInvoiceSendPayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }
        """

    static let mutations = """
          draftOrderInvoicePreview(id: ID!, email: EmailInput): DraftOrderInvoicePreviewPayload
          draftOrderInvoiceSend(id: ID!, email: EmailInput): DraftOrderInvoiceSendPayload
        """

    static let mutationResolvers: [String: RootResolver] = [
        "draftOrderInvoicePreview": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderInvoicePreview")
            func payload(_ preview: (subject: String, html: String, text: String)?, _ errors: ValidationErrors) -> AdminValue {
                .object(PayloadObject(typeName: "DraftOrderInvoicePreviewPayload", fields: [
                    "previewHtml": .optional(preview?.html), "previewSubject": .optional(preview?.subject),
                    "userErrors": UserErrorObject.list(errors, under: nil),
                ]))
            }
            guard let id: DraftOrderID = field["id"]?.string.flatMap({ GlobalID.optionalID($0, "DraftOrder") }) else {
                return payload(nil, ValidationErrors(field: ["id"], message: "Draft order not found"))
            }
            do {
                return payload(try await context.services.invoices.preview(shop: context.shopID, id: id, email(field)),
                               ValidationErrors())
            } catch let errors as ValidationErrors {
                return payload(nil, errors)
            }
        },
        "draftOrderInvoiceSend": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderInvoiceSend")
            func payload(_ draft: DraftOrder?, _ errors: ValidationErrors) -> AdminValue {
                .object(PayloadObject(typeName: "DraftOrderInvoiceSendPayload", fields: [
                    "draftOrder": .optional(draft.map { DraftOrderObject($0) }), "userErrors": UserErrorObject.list(errors, under: nil),
                ]))
            }
            guard let id: DraftOrderID = field["id"]?.string.flatMap({ GlobalID.optionalID($0, "DraftOrder") }) else {
                return payload(nil, ValidationErrors(field: ["id"], message: "Draft order not found"))
            }
            do {
                let sending = try await context.services.invoices.send(shop: context.shopID, id: id, email(field))
                context.loader.register([sending.draft])
                return payload(sending.draft, sending.errors)
            } catch let errors as ValidationErrors {
                return payload(nil, errors)
            }
        },
    ]

    private static func email(_ field: FieldRequest) -> EmailInput {
        let input = field["email"]
        return EmailInput(to: input?["to"]?.string, from: input?["from"]?.string, bcc: input?["bcc"]?.strings ?? [],
                          subject: input?["subject"]?.string, customMessage: input?["customMessage"]?.string)
    }
}
