import Logging
import PostgresNIO
import ProformaTestSupport
@testable import ProformaStore
import Synchronization
import Testing

/// `LeasedConnections` over a real PostgreSQL client, with many callers racing for few connections.
@Suite("PostgreSQL connections kept leased between transactions", .timeLimit(.minutes(5)))
struct LeasedConnectionsTests {
    /// A client of at most `maximum` connections to a fresh database, and the layer over it,
    /// both running while `body` does.
    private static func withLeased<T: Sendable>(
        maximum: Int, idleLimit: Duration = .seconds(1),
        _ body: @Sendable (PostgresClient, LeasedConnections) async throws -> T
    ) async throws -> T {
        let url = try await TestDatabases.shared.fresh(.postgres)
        defer { TestDatabases.discard(url) }
        guard case .postgres(let settings) = url else { throw TestDatabaseError(description: "not PostgreSQL: \(url)") }
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: .disable)
        configuration.options.maximumConnections = maximum
        let client = PostgresClient(configuration: configuration)
        let leased = LeasedConnections(client: client, maximum: maximum, idleLimit: idleLimit)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            group.addTask { await leased.run() }
            defer { group.cancelAll() }
            return try await body(client, leased)
        }
    }

    private static let logger = Logger(label: "leased-connections-test")

    private static func backendID(_ connection: PostgresConnection, sleeping seconds: Double = 0) async throws -> Int {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT pg_backend_pid() FROM pg_sleep(\(seconds))"), logger: Self.logger)
        for try await pid in rows.decode(Int.self) { return pid }
        throw TestDatabaseError(description: "no row")
    }

    @Test("60 callers racing for 3 connections all finish, never more than 3 at once, on at most 3 backends",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func racing(engine: TestEngine) async throws {
        try await Self.withLeased(maximum: 3) { _, leased in
            let inUse = InUse()
            let backends = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<60 {
                    group.addTask {
                        try await leased.withConnection { connection in
                            inUse.enter()
                            defer { inUse.leave() }
                            return try await Self.backendID(connection, sleeping: 0.005)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(inUse.most <= 3)
            #expect(inUse.most >= 2)
            #expect(backends.count <= 3)
        }
    }

    @Test("the next caller reuses the connection the last one gave back",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func reuse(engine: TestEngine) async throws {
        try await Self.withLeased(maximum: 4) { _, leased in
            let first = try await leased.withConnection { try await Self.backendID($0) }
            for _ in 0..<5 {
                #expect(try await leased.withConnection { try await Self.backendID($0) } == first)
            }
        }
    }

    @Test("a connection whose caller failed goes straight back to the client's pool",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func failedCaller(engine: TestEngine) async throws {
        // An hour's idle limit: only the failure can have handed the one connection back.
        try await Self.withLeased(maximum: 1, idleLimit: .seconds(3600)) { client, leased in
            await #expect(throws: (any Error).self) {
                try await leased.withConnection { connection in
                    for try await _ in try await connection.query("SELECT 1 / 0", logger: Self.logger) {}
                }
            }
            _ = try await client.withConnection { try await Self.backendID($0) }
            _ = try await leased.withConnection { try await Self.backendID($0) }
        }
    }

    @Test("a connection whose backend ended while it sat idle is not lent again",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func closedWhileIdle(engine: TestEngine) async throws {
        // One connection for the layer and one more in the client, to end the first one's backend from.
        try await Self.withLeased(maximum: 2, idleLimit: .seconds(3600)) { client, leased in
            let idle = try await leased.withConnection { try await Self.backendID($0) }
            try await client.withConnection { connection in
                for try await _ in try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT pg_terminate_backend(\(idle))"), logger: Self.logger) {}
            }
            // The server closes the socket at once; give the client time to see it. 300 ms was
            // once too little while the whole suite ran on two cores.
            try await Task.sleep(for: .seconds(1))
            #expect(try await leased.withConnection { try await Self.backendID($0) } != idle)
        }
    }

    @Test("a connection idle past the limit goes back to the client's pool",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func idleGoesBack(engine: TestEngine) async throws {
        try await Self.withLeased(maximum: 1, idleLimit: .milliseconds(100)) { client, leased in
            let kept = try await leased.withConnection { try await Self.backendID($0) }
            // The client has one connection, and it stays leased here until the limit passes;
            // had it not gone back, this lease would wait until the test's time limit.
            let direct = try await client.withConnection { try await Self.backendID($0) }
            #expect(direct == kept)
            #expect(try await leased.withConnection { try await Self.backendID($0) } == kept)
        }
    }
}

/// How many callers hold a connection at once, and the most there ever were.
private final class InUse: Sendable {
    private let counts = Mutex((now: 0, most: 0))

    var most: Int { counts.withLock { $0.most } }

    func enter() {
        counts.withLock { counts in
            counts.now += 1
            counts.most = max(counts.most, counts.now)
        }
    }

    func leave() {
        counts.withLock { $0.now -= 1 }
    }
}
