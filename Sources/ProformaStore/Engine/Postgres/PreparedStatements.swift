import Logging
import PostgresNIO
import Synchronization

/// Which statements PostgreSQL keeps prepared on each connection, so that it parses and plans
/// them once per connection instead of once per execution (planning was 40% of the statement
/// time of a draft's create).
///
/// postgres-nio prepares a statement per connection on its first execution and reuses it by
/// name, but only for a type whose SQL is static (`PostgresPreparedStatement`). Store code
/// builds its SQL at run time, so each distinct text (and shape of binds) that keeps coming
/// back is given one of a fixed set of slot types, `SlotStatement<High, Low>`, whose static SQL is read
/// from here.
///
/// Invariants:
/// - a slot's SQL never changes once given, so a name means one statement on every connection;
/// - only a text seen `threshold` times gets a slot, so one-off statements (migrations, a
///   seeding command) do not use them up; once all are given, other texts run unprepared;
/// - postgres-nio remembers a failed preparation on its connection and fails every later
///   execution of that name there, so a statement whose first execution on a connection fails
///   runs unprepared on that connection from then on;
/// - so does a prepared `SELECT *` whose table gained a column since ("cached plan must not
///   change result type", after a migration): that one execution fails, later ones run unprepared;
/// - a connection whose server no longer has a statement it prepared (`DEALLOCATE ALL`, a
///   pooler's `DISCARD ALL`, both of which drop every one) runs everything unprepared from then
///   on: postgres-nio would go on executing each by name, and failing.
final class PreparedStatements: Sendable {
    static let slotCount = 256
    /// The SQLSTATE of "cached plan must not change result type".
    static let cachedPlanChanged = "0A000"
    /// The SQLSTATE of "prepared statement does not exist".
    static let statementForgotten = "26000"
    /// Sightings before a text is given a slot.
    static let threshold = 3

    private struct Key: Hashable {
        var sql: String
        var binds: String
    }

    /// Process-wide, as slot numbers are statement names on every connection of every engine.
    private struct Registry {
        var texts: [String] = []
        var slots: [Key: Int] = [:]
        var sightings: [Key: Int] = [:]
    }

    private static let registry = Mutex(Registry())

    /// Per connection of this engine's pool: slots that ran there, and slots that failed their first run.
    private struct Connection {
        var proven: Set<Int> = []
        var refused: Set<Int> = []
        /// The server dropped the statements prepared here.
        var forgot = false
    }

    private let connections = Mutex<[PostgresConnection.ID: Connection]>([:])

    /// The slot that runs `sql` with binds of this shape on `connection`, or nil to run it unprepared.
    func slot(for sql: String, binds: String, on connection: PostgresConnection.ID) -> Slot? {
        guard Self.isPreparable(sql), let index = Self.slot(for: Key(sql: sql, binds: binds)) else { return nil }
        return connections.withLock { connections in
            let known = connections[connection]
            if known?.forgot == true || known?.refused.contains(index) == true { return nil }
            return Slot(index: index, proven: known?.proven.contains(index) == true)
        }
    }

    /// Records how a slot's run on a connection went; what is known of a connection is
    /// forgotten when it closes.
    func record(_ slot: Slot, failure: (any Error)?, on connection: PostgresConnection) {
        let succeeded = failure == nil
        let state = failure.flatMap(PostgresEngine.sqlState(of:))
        if slot.proven, state != Self.cachedPlanChanged, state != Self.statementForgotten { return }
        let id = connection.id
        let isNew = connections.withLock { connections in
            let isNew = connections[id] == nil
            if state == Self.statementForgotten {
                connections[id, default: Connection()].forgot = true
            } else if succeeded {
                connections[id, default: Connection()].proven.insert(slot.index)
            } else {
                connections[id, default: Connection()].refused.insert(slot.index)
                connections[id]?.proven.remove(slot.index)
            }
            return isNew
        }
        if isNew {
            connection.closeFuture.whenComplete { [weak self] _ in _ = self?.connections.withLock { $0.removeValue(forKey: id) } }
        }
    }

    private static func slot(for key: Key) -> Int? {
        registry.withLock { registry in
            if let index = registry.slots[key] { return index }
            guard registry.texts.count < slotCount else { return nil }
            let seen = registry.sightings[key, default: 0] + 1
            guard seen >= threshold else {
                // Bounded: texts that never come back are dropped now and then.
                if registry.sightings.count >= 4096 { registry.sightings.removeAll(keepingCapacity: true) }
                registry.sightings[key] = seen
                return nil
            }
            registry.sightings[key] = nil
            registry.texts.append(key.sql)
            registry.slots[key] = registry.texts.count - 1
            return registry.texts.count - 1
        }
    }

    fileprivate static func text(of slot: Int) -> String {
        registry.withLock { $0.texts[slot] }
    }

    /// Queries and data changes, and the `BEGIN` and `COMMIT` around them, which every
    /// transaction sends (unprepared, each was parsed and described anew: 4% of the server's CPU
    /// on a page of drafts). Not `ROLLBACK`, which follows failures, nor schema changes. Store
    /// code writes keywords in capitals, so the bytes are compared as they are: this runs for
    /// every statement.
    private static func isPreparable(_ sql: String) -> Bool {
        let head = sql.utf8.prefix(6)
        return preparableHeads.contains { head.starts(with: $0) }
    }

    private static let preparableHeads = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "BEGIN", "COMMIT"]
        .map { Array($0.utf8) }

    struct Slot {
        var index: Int
        /// Ran on this connection before, so postgres-nio has it prepared there.
        var proven: Bool

        /// Runs the slot's statement with `bindings`.
        func execute(_ bindings: PostgresBindings, on connection: PostgresConnection,
                     logger: Logger) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
            try await slotDigits[index >> 4].execute(low: slotDigits[index & 15], bindings, on: connection, logger: logger)
        }
    }
}

protocol SlotDigit: SendableMetatype { static var value: Int { get } }

extension SlotDigit {
    /// Runs the slot whose high digit is `Self` and low digit `low`: the slot's type is made
    /// from the two digits' types, opened one at a time.
    static func execute(low: any SlotDigit.Type, _ bindings: PostgresBindings, on connection: PostgresConnection,
                        logger: Logger) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
        try await low.execute(high: Self.self, bindings, on: connection, logger: logger)
    }

    private static func execute<High: SlotDigit>(high: High.Type, _ bindings: PostgresBindings, on connection: PostgresConnection,
                                                 logger: Logger) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
        try await connection.execute(SlotStatement<High, Self>(bindings: bindings), logger: logger)
    }
}
enum Digit0: SlotDigit { static let value = 0 }
enum Digit1: SlotDigit { static let value = 1 }
enum Digit2: SlotDigit { static let value = 2 }
enum Digit3: SlotDigit { static let value = 3 }
enum Digit4: SlotDigit { static let value = 4 }
enum Digit5: SlotDigit { static let value = 5 }
enum Digit6: SlotDigit { static let value = 6 }
enum Digit7: SlotDigit { static let value = 7 }
enum Digit8: SlotDigit { static let value = 8 }
enum Digit9: SlotDigit { static let value = 9 }
enum Digit10: SlotDigit { static let value = 10 }
enum Digit11: SlotDigit { static let value = 11 }
enum Digit12: SlotDigit { static let value = 12 }
enum Digit13: SlotDigit { static let value = 13 }
enum Digit14: SlotDigit { static let value = 14 }
enum Digit15: SlotDigit { static let value = 15 }

private let slotDigits: [any SlotDigit.Type] = [
    Digit0.self, Digit1.self, Digit2.self, Digit3.self, Digit4.self, Digit5.self, Digit6.self, Digit7.self,
    Digit8.self, Digit9.self, Digit10.self, Digit11.self, Digit12.self, Digit13.self, Digit14.self, Digit15.self,
]

/// One of the 256 statement types: its two digits make its slot number.
private struct SlotStatement<High: SlotDigit, Low: SlotDigit>: PostgresPreparedStatement {
    typealias Row = PostgresRow
    static var index: Int { High.value << 4 | Low.value }
    static var name: String { "proforma_\(index)" }
    static var sql: String { PreparedStatements.text(of: index) }

    let bindings: PostgresBindings
    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
