import Logging
import ProformaServices
import ServiceLifecycle

/// Gives back stock whose reservation ran out. Every instance runs one; releasing is a write
/// transaction that re-reads what expired, so two instances never release the same units twice.
public struct ReservationExpiryService: Service {
    let inventory: InventoryService
    let interval: Duration
    let logger: Logger

    public init(inventory: InventoryService, interval: Duration = .seconds(30), logger: Logger) {
        self.inventory = inventory
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // A full batch means more may be waiting: go on at once.
                    while try await inventory.releaseExpiredReservations() == 100 {}
                } catch {
                    if !Task.isCancelled { logger.error("releasing expired reservations failed", metadata: ["error": "\(error)"]) }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
