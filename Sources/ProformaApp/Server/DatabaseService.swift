import ProformaStore
import ServiceLifecycle

/// Keeps the database's connection pools running for the life of the server and closes them
/// after the HTTP server has drained, on SIGTERM or SIGINT.
public struct DatabaseService: Service {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await database.run()
        }
        await database.close()
    }
}
