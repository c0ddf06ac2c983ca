import Logging
import ProformaServices
import ServiceLifecycle

/// Gives back stock whose reservation ran out. Every instance runs one; each draft is released
/// in its own transaction that takes the reservation rows away, so two instances never give the
/// same units back twice.
public struct ReservationExpiryService: Service {
    let inventory: InventoryService
    let interval: Duration
    let logger: Logger

    static let batchSize = 100

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
                    var pass: InventoryService.ExpiryPass
                    repeat {
                        pass = try await inventory.releaseExpiredReservations(limit: Self.batchSize)
                        for (draft, error) in pass.failures {
                            logger.error("releasing an expired reservation failed", metadata: ["draft": "\(draft)", "error": "\(error)"])
                        }
                    } while !Task.isCancelled && pass.examined == Self.batchSize && pass.failures.count < pass.examined
                } catch {
                    if !Task.isCancelled { logger.error("releasing expired reservations failed", metadata: ["error": "\(error)"]) }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
