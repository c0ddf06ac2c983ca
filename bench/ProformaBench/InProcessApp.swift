import Foundation
import Logging
import ProformaApp
import ProformaStore

/// The app's components on a throwaway, migrated SQLite file, for benchmarks that run the
/// server's code in process. The file and its WAL are removed afterwards.
enum InProcessApp {
    /// Errors only: a benchmark's output is its figures.
    static let logger: Logger = {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        return logger
    }()

    static func withComponents<Result: Sendable>(_ body: @escaping @Sendable (AppComponents) async throws -> Result) async throws -> Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-bench-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let configuration = AppConfiguration(database: .sqlite(path: path))
        return try await withDatabase(configuration.database, logger: logger) { database in
            let invoiceLinks = try await AppComponents.prepare(database, configuration: configuration)
            return try await body(AppComponents(database: database, invoiceLinks: invoiceLinks))
        }
    }
}
