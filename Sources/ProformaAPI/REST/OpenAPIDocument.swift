/// The OpenAPI 3.0 description of the REST Admin API, served at `/admin/api/openapi.json`.
/// Response objects list their keys without requiring them, because `fields` may leave any out.
enum OpenAPIDocument {
    static func document(serverURL: String) -> RESTValue {
        [
            "openapi": "3.0.3",
            "info": ["title": "Proforma REST Admin API",
                     "description": "Draft orders and the resources they use, in Shopify's REST Admin dialect.",
                     "version": "2025-07"],
            "servers": [["url": .string(serverURL + "/admin/api/2025-07")]],
            "security": [["accessToken": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["accessToken": ["type": "apiKey", "in": "header", "name": "X-Shopify-Access-Token"]],
                "schemas": .object(schemas),
            ],
        ]
    }

    // MARK: Paths

    private static var paths: RESTObject {
        let listFilters = ["limit", "since_id", "ids", "fields", "page_info", "created_at_min", "created_at_max",
                           "updated_at_min", "updated_at_max"]
        var paths = RESTObject()
        paths["/draft_orders.json"] = [
            "get": operation("List draft orders", id: "listDraftOrders", tag: "Draft orders", parameters: listFilters + ["status"],
                             ok: root("draft_orders", list: "DraftOrder"), paged: true),
            "post": operation("Create a draft order", id: "createDraftOrder", tag: "Draft orders", body: root("draft_order", "DraftOrderInput"),
                              ok: root("draft_order", "DraftOrder"), status: "201", validates: true,
                              links: links("$response.body#/draft_order/id", to: ["getDraftOrder", "updateDraftOrder", "deleteDraftOrder",
                                                                                  "sendDraftOrderInvoice", "completeDraftOrder"]),
                              example: ["draft_order": ["line_items": [["title": "Custom Tee", "price": "20.00", "quantity": 2]],
                                                        "applied_discount": ["value_type": "fixed_amount", "value": "5.0", "title": "Loyal"],
                                                        "shipping_address": ["address1": "1 Main St", "city": "Louisville",
                                                                             "province_code": "KY", "country_code": "US", "zip": "40202"]]]),
        ]
        paths["/draft_orders/count.json"] = ["get": operation("Count draft orders", id: "countDraftOrders", tag: "Draft orders",
                                                              parameters: ["since_id", "status", "updated_at_min", "updated_at_max"],
                                                              ok: ref("Count"))]
        paths["/draft_orders/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a draft order", id: "getDraftOrder", tag: "Draft orders", parameters: ["fields"], ok: root("draft_order", "DraftOrder"),
                             found: true),
            "put": operation("Update a draft order (partial, or the whole object as read)", id: "updateDraftOrder", tag: "Draft orders",
                             body: root("draft_order", "DraftOrderInput"), ok: root("draft_order", "DraftOrder"), found: true,
                             validates: true),
            "delete": operation("Delete a draft order", id: "deleteDraftOrder", tag: "Draft orders", ok: ["type": "object", "maxProperties": 0],
                                found: true),
        ]
        paths["/draft_orders/{id}/send_invoice.json"] = [
            "parameters": [idParameter],
            "post": operation("Send the invoice", id: "sendDraftOrderInvoice", tag: "Draft orders", body: root("draft_order_invoice", "DraftOrderInvoice", required: false),
                              ok: root("draft_order_invoice", "DraftOrderInvoice"), found: true, validates: true),
        ]
        paths["/draft_orders/{id}/complete.json"] = [
            "parameters": [idParameter],
            "put": operation("Complete the draft into an order", id: "completeDraftOrder", tag: "Draft orders",
                             parameters: ["payment_pending", "payment_gateway_id"], ok: root("draft_order", "DraftOrder"),
                             found: true, validates: true, links: links("$response.body#/draft_order/order_id", to: ["getOrder"])),
        ]
        paths["/customers.json"] = [
            "get": operation("List customers", id: "listCustomers", tag: "Customers", parameters: listFilters, ok: root("customers", list: "Customer"),
                             paged: true),
            "post": operation("Create a customer", id: "createCustomer", tag: "Customers", body: root("customer", "CustomerInput"),
                              ok: root("customer", "Customer"), status: "201", validates: true,
                              links: links("$response.body#/customer/id", to: ["getCustomer", "updateCustomer"]),
                              example: ["customer": ["first_name": "Ada", "last_name": "Lovelace", "tags": "b2b"]]),
        ]
        paths["/customers/search.json"] = ["get": operation("Search customers", id: "searchCustomers", tag: "Customers",
                                                           parameters: ["query", "limit", "fields", "page_info"],
                                                           ok: root("customers", list: "Customer"), paged: true)]
        paths["/customers/count.json"] = ["get": operation("Count customers", id: "countCustomers", tag: "Customers",
                                                           parameters: ["created_at_min", "created_at_max", "updated_at_min",
                                                                        "updated_at_max"], ok: ref("Count"))]
        paths["/customers/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a customer", id: "getCustomer", tag: "Customers", parameters: ["fields"], ok: root("customer", "Customer"), found: true),
            "put": operation("Update a customer", id: "updateCustomer", tag: "Customers", body: root("customer", "CustomerInput"),
                             ok: root("customer", "Customer"), found: true, validates: true),
        ]
        paths["/products.json"] = ["get": operation("List products", id: "listProducts", tag: "Products",
                                                    parameters: listFilters + ["vendor", "product_type", "handle", "status", "title"],
                                                    ok: root("products", list: "Product"), paged: true)]
        paths["/products/count.json"] = ["get": operation("Count products", id: "countProducts", tag: "Products",
                                                          parameters: ["since_id", "ids", "created_at_min", "created_at_max",
                                                                       "updated_at_min", "updated_at_max", "vendor",
                                                                       "product_type", "handle", "status", "title"],
                                                          ok: ref("Count"))]
        paths["/products/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a product", id: "getProduct", tag: "Products", parameters: ["fields"], ok: root("product", "Product"), found: true),
        ]
        paths["/variants/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a variant", id: "getVariant", tag: "Products", parameters: ["fields"], ok: root("variant", "Variant"), found: true),
        ]
        paths["/orders.json"] = ["get": operation("List orders", id: "listOrders", tag: "Orders",
                                                  parameters: listFilters + ["status", "financial_status"],
                                                  ok: root("orders", list: "Order"), paged: true)]
        paths["/orders/count.json"] = ["get": operation("Count orders", id: "countOrders", tag: "Orders",
                                                        parameters: ["status", "financial_status", "updated_at_min", "updated_at_max"],
                                                        ok: ref("Count"))]
        paths["/orders/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get an order", id: "getOrder", tag: "Orders", parameters: ["fields"], ok: root("order", "Order"), found: true),
        ]
        paths["/shop.json"] = ["get": operation("Get the shop", id: "getShop", tag: "Shop", parameters: ["fields"],
                                                ok: root("shop", "Shop"))]
        paths["/locations.json"] = ["get": operation("List locations", id: "listLocations", tag: "Shop",
                                                     ok: root("locations", list: "Location"))]
        paths["/locations/count.json"] = ["get": operation("Count locations", id: "countLocations", tag: "Shop", ok: ref("Count"))]
        paths["/locations/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a location", id: "getLocation", tag: "Shop", ok: root("location", "Location"), found: true),
        ]
        paths["/webhooks.json"] = [
            "get": operation("List webhook subscriptions", id: "listWebhooks", tag: "Webhooks", parameters: ["fields", "topic", "address"],
                             ok: root("webhooks", list: "Webhook")),
            "post": operation("Subscribe to a topic", id: "createWebhook", tag: "Webhooks", body: root("webhook", "WebhookInput"),
                              ok: root("webhook", "Webhook"), status: "201", validates: true,
                              links: links("$response.body#/webhook/id", to: ["getWebhook", "updateWebhook", "deleteWebhook"]),
                              example: ["webhook": ["topic": "draft_orders/create", "address": "https://hooks.example.com/proforma",
                                                    "format": "json"]]),
        ]
        paths["/webhooks/count.json"] = ["get": operation("Count webhook subscriptions", id: "countWebhooks", tag: "Webhooks",
                                                          parameters: ["topic"], ok: ref("Count"))]
        paths["/webhooks/{id}.json"] = [
            "parameters": [idParameter],
            "get": operation("Get a webhook subscription", id: "getWebhook", tag: "Webhooks", parameters: ["fields"],
                             ok: root("webhook", "Webhook"), found: true),
            "put": operation("Change a subscription's address or fields", id: "updateWebhook", tag: "Webhooks",
                             body: root("webhook", "WebhookInput"), ok: root("webhook", "Webhook"), found: true, validates: true),
            "delete": operation("Unsubscribe", id: "deleteWebhook", tag: "Webhooks", ok: ["type": "object", "maxProperties": 0],
                                found: true),
        ]
        paths["/inventory_levels.json"] = ["get": operation("List inventory levels", id: "listInventoryLevels", tag: "Inventory",
                                                            parameters: ["inventory_item_ids", "location_ids", "limit"],
                                                            ok: root("inventory_levels", list: "InventoryLevel"), validates: true)]
        return paths
    }

    private static let idParameter: RESTValue = [
        "name": "id", "in": "path", "required": true, "schema": ["type": "integer", "format": "int64"],
    ]

    private static let parameterSchemas: [String: RESTValue] = [
        "limit": ["type": "integer", "minimum": 1, "maximum": 250, "default": 50],
        "since_id": ["type": "integer", "format": "int64"],
        "ids": ["type": "string", "description": "Comma-separated ids", "pattern": "^[0-9]+(,[0-9]+)*$"],
        "fields": ["type": "string", "description": "Comma-separated top-level keys to return"],
        "page_info": ["type": "string", "description": "The cursor from a Link header"],
        "status": ["type": "string"],
        "financial_status": ["type": "string", "enum": ["any", "paid", "pending"]],
        "payment_pending": ["type": "boolean"],
        "payment_gateway_id": ["type": "integer", "format": "int64"],
        "query": ["type": "string", "description": "Shopify search syntax"],
        "topic": ["type": "string", "description": "A topic such as draft_orders/create"],
        "address": ["type": "string", "description": "A callback URL"],
        "inventory_item_ids": ["type": "string", "pattern": "^[0-9]+(,[0-9]+)*$"],
        "location_ids": ["type": "string", "pattern": "^[0-9]+(,[0-9]+)*$"],
    ]

    /// OpenAPI links from a response's id to the operations that take it, so that generated
    /// tests reach records that exist.
    private static func links(_ expression: String, to operations: [String]) -> RESTValue {
        var links = RESTObject()
        for operation in operations {
            links[operation] = ["operationId": .string(operation), "parameters": ["id": .string(expression)]]
        }
        return .object(links)
    }

    private static func operation(_ summary: String, id: String, tag: String, parameters: [String] = [], body: RESTValue? = nil,
                                  ok: RESTValue, status: String = "200", found: Bool = false, paged: Bool = false,
                                  validates: Bool = false, links: RESTValue? = nil, example: RESTValue? = nil) -> RESTValue {
        var responses = RESTObject()
        var success: RESTObject = ["description": "Success", "content": ["application/json": ["schema": ok]]]
        if let links { success["links"] = links }
        if paged {
            success["headers"] = ["Link": ["description": "Cursors to the previous and next pages", "schema": ["type": "string"]]]
        }
        responses[status] = .object(success)
        responses["400"] = error("Bad request: a parameter, JSON or content type is wrong")
        responses["401"] = error("Missing or invalid access token")
        responses["403"] = error("The token lacks the scope")
        if found { responses["404"] = error("No such record") }
        if validates { responses["422"] = error("Validation failed") }
        responses["429"] = error("Rate limited (when limits are on)")
        var result: RESTObject = ["operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)]]
        if !parameters.isEmpty {
            result["parameters"] = .array(parameters.map { name in
                ["name": .string(name), "in": "query", "required": false, "schema": parameterSchemas[name] ?? ["type": "string"]]
            })
        }
        if let body {
            var content: RESTObject = ["schema": body]
            if let example { content["example"] = example }
            result["requestBody"] = ["required": true, "content": ["application/json": .object(content)]]
        }
        result["responses"] = .object(responses)
        return .object(result)
    }

    private static func error(_ description: String) -> RESTValue {
        ["description": .string(description), "content": ["application/json": ["schema": ref("Error")]]]
    }

    private static func ref(_ name: String) -> RESTValue { ["$ref": .string("#/components/schemas/\(name)")] }

    private static func root(_ key: String, _ schema: String, required: Bool = true) -> RESTValue {
        var object: RESTObject = ["type": "object", "properties": .object([key: ref(schema)].restObject)]
        if required { object["required"] = [.string(key)] }
        return .object(object)
    }

    private static func root(_ key: String, list schema: String) -> RESTValue {
        ["type": "object", "required": [.string(key)],
         "properties": .object([key: ["type": "array", "items": ref(schema)]].restObject)]
    }

    // MARK: Schemas

    private static let string: RESTValue = ["type": "string"]
    private static let nullableString: RESTValue = ["type": "string", "nullable": true]
    private static let integer: RESTValue = ["type": "integer", "format": "int64"]
    private static let nullableInteger: RESTValue = ["type": "integer", "format": "int64", "nullable": true]
    private static let boolean: RESTValue = ["type": "boolean"]
    private static let money: RESTValue = ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"]
    private static let time: RESTValue = ["type": "string", "format": "date-time", "nullable": true]

    private static func object(_ properties: KeyValuePairs<String, RESTValue>, nullable: Bool = false) -> RESTValue {
        var schema: RESTObject = ["type": "object"]
        if nullable { schema["nullable"] = true }
        var fields = RESTObject()
        for (key, value) in properties { fields[key] = value }
        schema["properties"] = .object(fields)
        return .object(schema)
    }

    private static func list(_ item: RESTValue) -> RESTValue { ["type": "array", "items": item] }

    private static var schemas: RESTObject {
        var schemas = RESTObject()
        schemas["Error"] = ["type": "object", "required": ["errors"], "properties": ["errors": ["oneOf": [
            ["type": "string"],
            ["type": "object", "additionalProperties": ["oneOf": [["type": "string"],
                                                                  ["type": "array", "items": ["type": "string"]]]]],
        ]]]]
        schemas["Count"] = object(["count": integer])
        schemas["MoneySet"] = object([
            "shop_money": object(["amount": money, "currency_code": string]),
            "presentment_money": object(["amount": money, "currency_code": string]),
        ])
        schemas["Address"] = object([
            "first_name": nullableString, "last_name": nullableString, "name": nullableString, "company": nullableString,
            "address1": nullableString, "address2": nullableString, "city": nullableString, "province": nullableString,
            "province_code": nullableString, "country": nullableString, "country_code": nullableString,
            "zip": nullableString, "phone": nullableString, "latitude": ["type": "number", "nullable": true],
            "longitude": ["type": "number", "nullable": true],
        ], nullable: true)
        schemas["AddressInput"] = object([
            "first_name": nullableString, "last_name": nullableString, "company": nullableString,
            "address1": nullableString, "address2": nullableString, "city": nullableString, "province": nullableString,
            "province_code": nullableString, "country": nullableString, "country_code": nullableString,
            "zip": nullableString, "phone": nullableString,
        ], nullable: true)
        schemas["TaxLine"] = object(["title": string, "rate": ["type": "number"], "price": money, "price_set": ref("MoneySet")])
        schemas["AppliedDiscount"] = object([
            "title": nullableString, "description": string, "value": string,
            "value_type": ["type": "string", "enum": ["fixed_amount", "percentage"]], "amount": money,
        ], nullable: true)
        schemas["Attribute"] = object(["name": string, "value": string])
        schemas["DraftOrderLineItem"] = object([
            "id": integer, "variant_id": nullableInteger, "product_id": nullableInteger, "title": string,
            "variant_title": nullableString, "sku": nullableString, "vendor": nullableString, "quantity": integer,
            "requires_shipping": boolean, "taxable": boolean, "gift_card": boolean, "fulfillment_service": string,
            "grams": integer, "tax_lines": list(ref("TaxLine")), "applied_discount": ref("AppliedDiscount"), "name": string,
            "properties": list(ref("Attribute")), "custom": boolean, "price": money, "admin_graphql_api_id": string,
            "total_discount": money,
        ])
        schemas["ShippingLine"] = object(["title": string, "custom": boolean, "handle": nullableString, "price": money],
                                         nullable: true)
        schemas["PaymentTerms"] = object([
            "payment_terms_name": string, "payment_terms_type": string, "due_in_days": nullableInteger,
            "payment_schedules": list(object(["issued_at": time, "due_at": time])),
        ], nullable: true)
        schemas["DraftOrder"] = object([
            "id": integer, "name": string, "status": ["type": "string", "enum": ["open", "invoice_sent", "completed"]],
            "note": nullableString, "email": nullableString, "phone": nullableString, "po_number": nullableString,
            "taxes_included": boolean, "tax_exempt": boolean, "currency": string, "presentment_currency": string,
            "invoice_sent_at": time, "created_at": time, "updated_at": time, "completed_at": time,
            "reserve_inventory_until": time,
            "allow_discount_codes_in_checkout?": boolean, "b2b?": boolean, "api_client_id": nullableInteger,
            "created_on_api_version": nullableString, "source_name": nullableString,
            "line_items": list(ref("DraftOrderLineItem")), "shipping_address": ref("Address"), "billing_address": ref("Address"),
            "invoice_url": nullableString, "applied_discount": ref("AppliedDiscount"), "order_id": nullableInteger,
            "shipping_line": ref("ShippingLine"), "tax_lines": list(ref("TaxLine")), "tags": string,
            "note_attributes": list(ref("Attribute")), "total_price": money, "subtotal_price": money, "total_tax": money,
            "payment_terms": ref("PaymentTerms"), "total_line_items_price_set": ref("MoneySet"), "total_price_set": ref("MoneySet"),
            "subtotal_price_set": ref("MoneySet"), "total_tax_set": ref("MoneySet"), "total_discounts_set": ref("MoneySet"),
            "total_shipping_price_set": ref("MoneySet"), "total_additional_fees_set": ref("MoneySet"),
            "total_duties_set": ref("MoneySet"), "amount_due_now_set": ref("MoneySet"), "amount_due_later_set": ref("MoneySet"),
            "admin_graphql_api_id": string, "customer": ref("NullableCustomer"),
        ])
        let discountInput = object(["title": nullableString, "description": nullableString, "value": ["oneOf": [string, ["type": "number"]]],
                                    "value_type": ["type": "string", "enum": ["fixed_amount", "percentage"]],
                                    "amount": nullableString], nullable: true)
        schemas["DraftOrderInput"] = object([
            "line_items": list(object([
                "variant_id": nullableInteger, "title": string, "price": ["oneOf": [string, ["type": "number"]]],
                "quantity": ["type": "integer", "minimum": 1, "maximum": 100_000], "taxable": boolean, "requires_shipping": boolean,
                "sku": nullableString, "grams": ["type": "integer", "minimum": 0], "applied_discount": discountInput,
                "properties": list(ref("Attribute")),
            ])),
            "customer": object(["id": integer], nullable: true), "use_customer_default_address": boolean,
            "email": nullableString, "phone": nullableString, "note": nullableString, "po_number": nullableString,
            "tags": string, "note_attributes": list(ref("Attribute")), "tax_exempt": boolean,
            "shipping_address": ref("AddressInput"), "billing_address": ref("AddressInput"),
            "applied_discount": discountInput,
            "shipping_line": object(["title": string, "price": ["oneOf": [string, ["type": "number"]]], "custom": boolean,
                                     "handle": nullableString], nullable: true),
            "reserve_inventory_until": time, "presentment_currency": string,
            "allow_discount_codes_in_checkout?": boolean,
        ])
        schemas["DraftOrderInvoice"] = object([
            "to": nullableString, "from": nullableString, "subject": nullableString, "custom_message": nullableString,
            "bcc": list(string),
        ])
        let customerProperties: KeyValuePairs<String, RESTValue> = [
            "id": integer, "email": nullableString, "first_name": nullableString, "last_name": nullableString,
            "phone": nullableString, "note": nullableString, "state": string, "tags": string, "tax_exempt": boolean,
            "verified_email": boolean, "multipass_identifier": nullableString, "tax_exemptions": list(string),
            "created_at": time, "updated_at": time, "admin_graphql_api_id": string,
            "email_marketing_consent": object(["state": string, "opt_in_level": nullableString, "consent_updated_at": time],
                                              nullable: true),
            "addresses": list(ref("CustomerAddress")), "default_address": ref("NullableCustomerAddress"),
        ]
        schemas["Customer"] = object(customerProperties)
        schemas["NullableCustomer"] = object(customerProperties, nullable: true)
        let addressProperties: KeyValuePairs<String, RESTValue> = [
            "id": integer, "customer_id": integer, "first_name": nullableString, "last_name": nullableString,
            "name": nullableString, "company": nullableString, "address1": nullableString, "address2": nullableString,
            "city": nullableString, "province": nullableString, "province_code": nullableString, "country": nullableString,
            "country_code": nullableString, "country_name": nullableString, "zip": nullableString, "phone": nullableString,
            "default": boolean,
        ]
        schemas["CustomerAddress"] = object(addressProperties)
        schemas["NullableCustomerAddress"] = object(addressProperties, nullable: true)
        schemas["CustomerInput"] = object([
            "first_name": nullableString, "last_name": nullableString, "email": nullableString, "phone": nullableString,
            "note": nullableString, "tags": string, "tax_exempt": boolean, "accepts_marketing": boolean,
            "addresses": list(ref("AddressInput")),
        ])
        schemas["Variant"] = object([
            "id": integer, "product_id": integer, "title": string, "price": money, "compare_at_price": ["type": "string", "nullable": true],
            "sku": nullableString, "barcode": nullableString, "position": integer, "inventory_policy": string,
            "option1": nullableString, "option2": nullableString, "option3": nullableString, "taxable": boolean,
            "fulfillment_service": string, "grams": integer, "weight": ["type": "number"], "weight_unit": string,
            "inventory_management": nullableString, "requires_shipping": boolean, "inventory_item_id": integer,
            "inventory_quantity": integer, "old_inventory_quantity": integer, "image_id": nullableInteger,
            "created_at": time, "updated_at": time, "admin_graphql_api_id": string,
        ])
        schemas["Product"] = object([
            "id": integer, "title": string, "body_html": string, "vendor": string, "product_type": string, "handle": string,
            "status": string, "tags": string, "published_scope": string, "template_suffix": nullableString,
            "created_at": time, "updated_at": time, "published_at": time, "admin_graphql_api_id": string,
            "variants": list(ref("Variant")),
            "options": list(object(["product_id": integer, "name": string, "position": integer, "values": list(string)])),
            "images": list(["type": "object"]), "image": ["type": "object", "nullable": true],
        ])
        schemas["Order"] = object([
            "id": integer, "name": string, "order_number": integer, "number": integer, "email": nullableString,
            "phone": nullableString, "created_at": time, "updated_at": time, "processed_at": time, "closed_at": time,
            "cancelled_at": time, "financial_status": string, "fulfillment_status": nullableString, "confirmed": boolean,
            "test": boolean, "currency": string, "presentment_currency": string, "taxes_included": boolean,
            "tax_exempt": boolean, "total_price": money, "subtotal_price": money, "total_tax": money,
            "total_discounts": money, "total_line_items_price": money, "total_outstanding": money,
            "total_price_set": ref("MoneySet"), "subtotal_price_set": ref("MoneySet"), "total_tax_set": ref("MoneySet"),
            "total_discounts_set": ref("MoneySet"), "total_line_items_price_set": ref("MoneySet"),
            "total_shipping_price_set": ref("MoneySet"), "tags": string, "note": nullableString,
            "note_attributes": list(ref("Attribute")), "source_name": string, "po_number": nullableString,
            "payment_gateway_names": list(string), "billing_address": ref("Address"), "shipping_address": ref("Address"),
            "tax_lines": list(ref("TaxLine")), "line_items": list(ref("DraftOrderLineItem")),
            "shipping_lines": list(ref("ShippingLine")), "payment_terms": ref("PaymentTerms"),
            "customer": ref("NullableCustomer"), "admin_graphql_api_id": string,
        ])
        schemas["Shop"] = object([
            "id": integer, "name": string, "email": string, "domain": nullableString, "province": nullableString,
            "country": nullableString, "address1": nullableString, "zip": nullableString, "city": nullableString,
            "phone": nullableString, "created_at": time, "updated_at": time, "country_code": nullableString,
            "country_name": nullableString, "currency": string, "customer_email": string, "shop_owner": string,
            "province_code": nullableString, "taxes_included": boolean, "weight_unit": string,
            "primary_location_id": nullableInteger, "myshopify_domain": nullableString, "plan_name": string,
            "admin_graphql_api_id": string,
        ])
        schemas["Location"] = object([
            "id": integer, "name": string, "address1": nullableString, "address2": nullableString, "city": nullableString,
            "zip": nullableString, "province": nullableString, "country": nullableString, "phone": nullableString,
            "created_at": time, "updated_at": time, "country_code": nullableString, "country_name": nullableString,
            "province_code": nullableString, "legacy": boolean, "active": boolean, "admin_graphql_api_id": string,
        ])
        schemas["Webhook"] = object([
            "id": integer, "address": string, "topic": string, "created_at": time, "updated_at": time, "format": string,
            "fields": list(string), "metafield_namespaces": list(string), "api_version": string,
            "private_metafield_namespaces": list(string), "admin_graphql_api_id": string,
        ])
        schemas["WebhookInput"] = object([
            "topic": string, "address": string, "format": ["type": "string", "enum": ["json"]], "fields": list(string),
            "api_version": string,
        ])
        schemas["InventoryLevel"] = object([
            "inventory_item_id": integer, "location_id": integer, "available": integer, "updated_at": time,
            "admin_graphql_api_id": string,
        ])
        return schemas
    }
}

private extension Dictionary where Key == String, Value == RESTValue {
    var restObject: RESTObject {
        var object = RESTObject()
        for (key, value) in self { object[key] = value }
        return object
    }
}
