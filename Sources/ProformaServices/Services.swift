import ProformaCore

/// Every use case, wired to one store and clock: what adapters (HTTP, CLI, workers) call.
public struct Services: Sendable {
    /// Every kind of background job, by kind.
    public var jobHandlers: [String: JobWork] {
        [DraftOrderBulkJobs.kind: .batches(draftOrderBulkJobs.handler), InvoiceService.mailJobKind: .delivery(mailDelivery)]
    }

    public let shops: ShopService
    public let catalog: CatalogService
    public let inventory: InventoryService
    public let customers: CustomerService
    public let access: AccessService
    public let draftOrders: DraftOrderService
    public let draftOrderBulkJobs: DraftOrderBulkJobs
    public let orders: OrderService
    public let invoices: InvoiceService
    public let checkout: CheckoutService
    public let webhooks: WebhookService
    public let staffSessions: StaffSessionService
    public let activities: ActivityService
    public let mail: MailSettingsService
    let mailDelivery: MailDelivery
    public let jobs: JobQueue

    public init(store: any Store, clock: any WallClock, passwordHasher: any PasswordHasher, invoiceLinks: InvoiceLinks,
                invoiceRenderer: any InvoiceRenderer, mailer: any Mailer, mailerFactory: any MailerFactory,
                webhookPayloads: any WebhookPayloadRenderer) {
        let settings = ShopConfigurationCache()
        let events = WebhookEvents(renderer: webhookPayloads, links: invoiceLinks)
        shops = ShopService(store: store, clock: clock, cache: settings)
        catalog = CatalogService(store: store, clock: clock)
        inventory = InventoryService(store: store, clock: clock, events: events)
        customers = CustomerService(store: store, clock: clock)
        access = AccessService(store: store, clock: clock, passwordHasher: passwordHasher)
        draftOrders = DraftOrderService(store: store, clock: clock, invoiceLinks: invoiceLinks, settings: settings, events: events)
        orders = OrderService(store: store, clock: clock, settings: settings, events: events)
        jobs = JobQueue(store: store, clock: clock)
        draftOrderBulkJobs = DraftOrderBulkJobs(store: store, clock: clock, queue: jobs, events: events)
        invoices = InvoiceService(store: store, clock: clock, links: invoiceLinks, renderer: invoiceRenderer, queue: jobs,
                                  events: events)
        webhooks = WebhookService(store: store, clock: clock)
        mail = MailSettingsService(store: store, defaultMailer: mailer, factory: mailerFactory)
        mailDelivery = MailDelivery(mail: mail)
        staffSessions = StaffSessionService(store: store, clock: clock, access: access)
        activities = ActivityService(store: store)
        checkout = CheckoutService(store: store, links: invoiceLinks, draftOrders: draftOrders, orders: orders)
    }
}
