import ProformaServices
import ProformaStore
import Synchronization

/// A test's own store in front of the real one: every call it does not implement itself goes
/// to `base`.
protocol ForwardingStore: Store {
    var base: SQLStore { get }
}

extension ForwardingStore {
    func write<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T { try await base.write(work) }

    func write<Prepared: Sendable, T: Sendable>(
        preparedBy prepare: (any StoreSession) async throws -> Prepared, isSingleWrite: (Prepared) -> Bool,
        _ work: (any StoreSession, Prepared) async throws -> T) async throws -> T {
        try await base.write(preparedBy: prepare, isSingleWrite: isSingleWrite, work)
    }

    func read<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T { try await base.read(work) }
    func readLatest<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T { try await base.readLatest(work) }
    func lookup<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T { try await base.lookup(work) }
    func ping() async throws { try await base.ping() }
}

/// Another client's change that a test store makes happen once, at the first call that takes it.
final class PendingChange: Sendable {
    private let change: Mutex<(@Sendable () async throws -> Void)?>

    init(_ change: @escaping @Sendable () async throws -> Void) {
        self.change = Mutex(change)
    }

    /// The change, the first time; nil after.
    func take() -> (@Sendable () async throws -> Void)? {
        change.withLock { pending in
            defer { pending = nil }
            return pending
        }
    }
}
