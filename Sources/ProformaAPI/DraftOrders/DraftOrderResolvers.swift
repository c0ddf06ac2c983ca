import Foundation
import Logging
import ProformaCore
import ProformaServices

/// The draft-order root fields.
enum DraftOrderResolvers {
    static let queries: [String: RootResolver] = [
        "draftOrder": { field, context in
            try context.require(.readDraftOrders, for: "draftOrder")
            let id: DraftOrderID = try GlobalID.id(field["id"]?.string ?? "", "DraftOrder")
            guard let draft = try await context.services.draftOrders.draft(shop: context.shopID, id: id) else { return .null }
            context.loader.register([draft])
            return .object(DraftOrderObject(draft))
        },
        "draftOrders": { field, context in
            try context.require(.readDraftOrders, for: "draftOrders")
            let query = SearchQuery(parsing: field["query"]?.string ?? "")
            let sort = ConnectionObject.sortKey(field, default: DraftOrderSortKey.id)
            let request = try ConnectionObject.pageRequest(field)
            let page: Page<DraftOrder>
            if field.selects(path: ["nodes", "customer"]) || field.selects(path: ["edges", "node", "customer"]) {
                let found = try await context.services.draftOrders.draftsWithCustomers(
                    shop: context.shopID, matching: query, sortedBy: sort, page: request)
                page = found.page
                context.loader.register(page.items, customers: found.customers)
            } else {
                page = try await context.services.draftOrders.drafts(shop: context.shopID, matching: query, sortedBy: sort,
                                                                     page: request)
                context.loader.register(page.items)
            }
            return .object(ConnectionObject("DraftOrderConnection", page: page) { DraftOrderObject($0) })
        },
        "draftOrdersCount": { field, context in
            try context.require(.readDraftOrders, for: "draftOrdersCount")
            let limit = try CountObject.limit(field)
            let count = try await context.services.draftOrders.count(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""), limit: limit)
            return .object(CountObject(count: count, limit: limit))
        },
        "draftOrderTag": { field, context in
            try context.require(.readDraftOrders, for: "draftOrderTag")
            let text = field["id"]?.string ?? ""
            let prefix = "gid://shopify/DraftOrderTag/"
            guard text.hasPrefix(prefix), let handle = String(text.dropFirst(prefix.count)).removingPercentEncoding,
                  !handle.isEmpty else {
                throw GraphQLFieldError("Invalid global id '\(text)'", extensions: ["code": .string("argumentLiteralsIncompatible")])
            }
            guard let title = try await context.services.draftOrders.tag(shop: context.shopID, handle: handle) else {
                return .null
            }
            return .object(PayloadObject(typeName: "DraftOrderTag", fields: [
                "id": .string(text), "handle": .string(handle), "title": .string(title),
            ]))
        },
        "draftOrderAvailableDeliveryOptions": { field, context in
            try context.require(.readDraftOrders, for: "draftOrderAvailableDeliveryOptions")
            let input = DraftOrderInputDecoding.decode(field["input"] ?? .object([:]))
            let options = try await context.services.draftOrders.shippingOptions(shop: context.shopID, input)
            let search = field["search"]?.string?.lowercased()
            let shown = options.filter { search == nil || $0.title.lowercased().contains(search!) }
            return .object(PayloadObject(typeName: "DraftOrderAvailableDeliveryOptions", fields: [
                "availableShippingRates": .objects(shown.map { ShippingRateObject(option: $0, typeName: "DraftOrderShippingRate") }),
                "availableLocalDeliveryRates": .list([]),
                "availableLocalPickupOptions": .list([]),
                "pageInfo": .object(PageInfoObject(hasNextPage: false, hasPreviousPage: false, startCursor: nil, endCursor: nil)),
            ]))
        },
        "paymentTermsTemplates": { field, _ in
            let kind = field["paymentTermsType"]?.string
            return .objects(PaymentTermsTemplate.all.filter { kind == nil || $0.kind.rawValue == kind }
                .map { PaymentTermsTemplateObject(template: $0) })
        },
        "job": { field, context in
            let id: JobID = try GlobalID.id(field["id"]?.string ?? "", "Job")
            guard let job = try await context.services.jobs.job(shop: context.shopID, id: id) else { return .null }
            return .object(JobObject(job: job))
        },
    ]

    static let mutations: [String: RootResolver] = [
        "draftOrderCreate": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderCreate")
            let input = DraftOrderInputDecoding.decode(field["input"] ?? .object([:]))
            return await payload("DraftOrderCreatePayload", context: context) {
                try await context.services.draftOrders.create(shop: context.shopID, input)
            }
        },
        "draftOrderUpdate": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderUpdate")
            let input = DraftOrderInputDecoding.decode(field["input"] ?? .object([:]))
            guard let id: DraftOrderID = field["id"]?.string.flatMap({ GlobalID.optionalID($0, "DraftOrder") }) else {
                return failure("DraftOrderUpdatePayload", ValidationErrors(field: nil, message: "Draft order not found"))
            }
            let expected = field["expectedVersion"]?.int.map(Int64.init)
            return await payload("DraftOrderUpdatePayload", context: context) {
                try await context.services.draftOrders.update(shop: context.shopID, id: id, input, expectedVersion: expected)
            }
        },
        "draftOrderCalculate": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderCalculate")
            let input = DraftOrderInputDecoding.decode(field["input"] ?? .object([:]))
            do {
                let draft = try await context.services.draftOrders.calculate(shop: context.shopID, input)
                context.loader.register([draft])
                return .object(PayloadObject(typeName: "DraftOrderCalculatePayload", fields: [
                    "calculatedDraftOrder": .object(DraftOrderObject(draft, calculated: true)), "userErrors": .list([]),
                ]))
            } catch let errors as ValidationErrors {
                return .object(PayloadObject(typeName: "DraftOrderCalculatePayload", fields: [
                    "calculatedDraftOrder": .null, "userErrors": userErrors(errors),
                ]))
            }
        },
        "draftOrderDuplicate": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderDuplicate")
            guard let text = (field["id"] ?? field["draftOrderId"])?.string,
                  let id: DraftOrderID = GlobalID.optionalID(text, "DraftOrder") else {
                return failure("DraftOrderDuplicatePayload", ValidationErrors(field: ["id"], message: "Draft order not found"))
            }
            return await payload("DraftOrderDuplicatePayload", context: context) {
                try await context.services.draftOrders.duplicate(shop: context.shopID, id: id)
            }
        },
        "draftOrderDelete": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderDelete")
            let text = field["input"]?["id"]?.string ?? ""
            let id: DraftOrderID? = GlobalID.optionalID(text, "DraftOrder")
            var deleted: DraftOrderID?
            if let id, try await context.services.draftOrders.delete(shop: context.shopID, id: id) { deleted = id }
            return .object(PayloadObject(typeName: "DraftOrderDeletePayload", fields: [
                "deletedId": .optional(deleted.map { GlobalID.make("DraftOrder", $0) }),
                "userErrors": deleted == nil
                    ? UserErrorObject.list(ValidationErrors(field: ["id"], message: "Draft order not found"), under: nil)
                    : .list([]),
            ]))
        },
        "draftOrderBulkAddTags": { field, context in
            try await bulk(.addTags, "DraftOrderBulkAddTagsPayload", field: field, context: context)
        },
        "draftOrderBulkRemoveTags": { field, context in
            try await bulk(.removeTags, "DraftOrderBulkRemoveTagsPayload", field: field, context: context)
        },
        "draftOrderBulkDelete": { field, context in
            try await bulk(.delete, "DraftOrderBulkDeletePayload", field: field, context: context)
        },
    ]

    /// User errors of a draft input: paths under `input`, except those naming another argument.
    static func userErrors(_ errors: ValidationErrors) -> AdminValue {
        .objects(errors.errors.map { error -> AnyAdminObject in
            let topLevel = ["id", "expectedVersion"].contains(error.field?.first ?? "")
            return UserErrorObject(error.field == nil || topLevel ? error : error.prefixed(["input"]))
        })
    }

    private static func failure(_ typeName: String, _ errors: ValidationErrors) -> AdminValue {
        .object(PayloadObject(typeName: typeName, fields: ["draftOrder": .null, "userErrors": userErrors(errors)]))
    }

    private static func payload(_ typeName: String, context: AdminContext,
                                _ work: () async throws -> DraftOrder) async -> AdminValue {
        do {
            let draft = try await work()
            context.loader.register([draft])
            return .object(PayloadObject(typeName: typeName, fields: ["draftOrder": .object(DraftOrderObject(draft)),
                                                                      "userErrors": .list([])]))
        } catch let errors as ValidationErrors {
            return failure(typeName, errors)
        } catch {
            context.logger.error("draft order mutation failed", metadata: ["error": "\(error)"])
            return failure(typeName, ValidationErrors(field: nil, message: "Internal error; nothing was changed"))
        }
    }

    private static func bulk(_ action: DraftOrderBulkJobs.Action, _ typeName: String, field: FieldRequest,
                             context: AdminContext) async throws -> AdminValue {
        try context.require(.writeDraftOrders, for: field.name)
        var errors = ValidationErrors()
        if field["savedSearchId"] != nil {
            errors.add(["savedSearchId"], "Saved searches are not supported; pass the search itself", code: "INVALID")
        }
        var ids: [DraftOrderID]?
        if let given = field["ids"]?.strings {
            ids = []
            for (index, text) in given.enumerated() {
                if let id: DraftOrderID = GlobalID.optionalID(text, "DraftOrder") { ids?.append(id) } else {
                    errors.add(["ids", String(index)], "Invalid draft order id \(text)", code: "INVALID")
                }
            }
        }
        func failed(_ errors: ValidationErrors) -> AdminValue {
            .object(PayloadObject(typeName: typeName, fields: ["job": .null,
                                                               "userErrors": UserErrorObject.list(errors, under: nil)]))
        }
        guard errors.isEmpty else { return failed(errors) }
        do {
            let job = try await context.services.draftOrderBulkJobs.enqueue(
                shop: context.shopID, action: action, ids: ids, search: field["search"]?.string,
                tags: field["tags"]?.strings ?? [])
            return .object(PayloadObject(typeName: typeName, fields: ["job": .object(JobObject(job: job)), "userErrors": .list([])]))
        } catch let problems as ValidationErrors {
            return failed(problems)
        }
    }
}

struct JobObject: AdminObject {
    let typeName = "Job"
    let job: Job

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("Job", job.id))
        case "done": .bool(job.isDone)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
