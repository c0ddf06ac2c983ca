import Foundation
import SQLKit

/// Settings of the installation itself, shared by every instance on the database.
public enum InstanceSettings {
    /// The installation's secret key: created at random on first use and kept in the
    /// database, unless the operator supplies one (`PROFORMA_SECRET_KEY`), which keeps a
    /// database dump alone from being enough to forge invoice links.
    public static func secretKey(_ database: Database) async throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let candidate = Data(bytes).base64EncodedString()
        return try await database.transaction { db in
            // Concurrent first starts race here; the first insert wins and everyone reads it.
            try await db.raw("""
                INSERT INTO instance_settings (name, value) VALUES ('secret_key', \(bind: candidate))
                ON CONFLICT (name) DO NOTHING
                """).run()
            guard let row = try await db.raw("SELECT value FROM instance_settings WHERE name = 'secret_key'").first(),
                  let key = Data(base64Encoded: try row.decode(column: "value", as: String.self)) else {
                throw SQLStoreError.corruptColumn("instance_settings.secret_key")
            }
            return Array(key)
        }
    }
}
