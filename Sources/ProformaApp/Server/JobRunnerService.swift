import Logging
import ProformaServices
import ServiceLifecycle

/// Runs background jobs (bulk draft edits) until shutdown; every instance runs one, and the
/// job table hands each job to exactly one of them at a time.
public struct JobRunnerService: Service {
    let services: Services
    let logger: Logger

    public init(services: Services, logger: Logger) {
        self.services = services
        self.logger = logger
    }

    public func run() async throws {
        let handlers = services.jobHandlers
        let logger = logger
        await cancelWhenGracefulShutdown {
            await services.jobs.run(handlers: handlers) { error in
                logger.error("job runner failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
