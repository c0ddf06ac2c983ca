import Hummingbird
import Logging
import ProformaServices

/// `GET /health`: 200 when the database answers, 503 when it does not.
public struct HealthController: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, context in
            do {
                try await store.ping()
                return AdminResponses.json(Array(#"{"status":"ok","database":"ok"}"#.utf8))
            } catch {
                context.logger.error("health check failed", metadata: ["error": "\(error)"])
                return AdminResponses.json(Array(#"{"status":"unavailable","database":"unreachable"}"#.utf8),
                                           status: .serviceUnavailable)
            }
        }
    }
}
