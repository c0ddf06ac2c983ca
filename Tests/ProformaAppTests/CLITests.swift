import Foundation
import Logging
import ProformaAPI
import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

/// Runs the built `proforma` binary as a user would.
enum CLI {
    struct Outcome {
        var status: Int32
        var out: String
        var err: String
    }

    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/proforma")
    }

    /// Starts the binary with `arguments` and the given standard streams (see `ChildProcess`).
    static func start(_ arguments: [String], stdin: Int32? = nil, stdout: Int32? = nil,
                      stderr: Int32? = nil) throws -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestDatabaseError(description: "\(binary.path) is missing: build with `swift build --build-tests` first")
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PROFORMA_") }
        environment["PROFORMA_LOG_LEVEL"] = "warning"
        return try ChildProcess(binary.path, arguments: arguments, environment: environment,
                                directory: FileManager.default.temporaryDirectory.path,
                                stdin: stdin, stdout: stdout, stderr: stderr)
    }

    static func run(_ arguments: [String], stdin: String? = nil) async throws -> Outcome {
        let (output, errors, input) = (try ChildProcess.pipe(), try ChildProcess.pipe(), try ChildProcess.pipe())
        let process: ChildProcess
        do {
            process = try start(arguments, stdin: input.read, stdout: output.write, stderr: errors.write)
        } catch {
            [output.read, output.write, errors.read, errors.write, input.read, input.write].forEach { _ = close($0) }
            throw error
        }
        // The child holds its own copies; ours would keep its output open after it exits.
        [output.write, errors.write, input.read].forEach { _ = close($0) }
        let writing = FileHandle(fileDescriptor: input.write, closeOnDealloc: true)
        if let stdin { writing.write(Data(stdin.utf8)) }
        try writing.close()
        let reading = (FileHandle(fileDescriptor: output.read, closeOnDealloc: true),
                       FileHandle(fileDescriptor: errors.read, closeOnDealloc: true))
        async let out = Task.detached { reading.0.readDataToEndOfFile() }.value
        async let err = Task.detached { reading.1.readDataToEndOfFile() }.value
        let (outData, errData) = await (out, err)
        let status = await Task.detached { process.waitForExit() }.value
        return Outcome(status: status, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

@Suite("The proforma command")
struct CLITests {
    @Test("bad flags, a bad database URL and an unusable SQLite path fail clearly")
    func failures() async throws {
        let unknown = try await CLI.run(["serve", "--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.err.contains("Unknown option '--bogus'"))
        let badPort = try await CLI.run(["serve", "--port", "http"])
        #expect(badPort.status == 64)
        let badURL = try await CLI.run(["migrate", "--database", "mysql://root@localhost/shop"])
        #expect(badURL.status == 1)
        #expect(badURL.err.contains("--database: invalid database URL: use sqlite:PATH or postgres://"))
        let missingFolder = try await CLI.run(["migrate", "--database", "sqlite:/no/such/folder/p.sqlite"])
        #expect(missingFolder.status == 1)
        #expect(missingFolder.err.contains("cannot open SQLite database at /no/such/folder/p.sqlite: the folder /no/such/folder does not exist"))
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unwritable = directory.appendingPathComponent("p.sqlite").path
        FileManager.default.createFile(atPath: unwritable, contents: Data("not a database".utf8))
        let garbage = try await CLI.run(["migrate", "--database", "sqlite:\(unwritable)"])
        #expect(garbage.status == 1)
        #expect(garbage.err.contains("cannot open SQLite database at \(unwritable)"))
        let unreachable = try await CLI.run(["migrate", "--database", "postgres://postgres@127.0.0.1:1/proforma"])
        #expect(unreachable.status == 1)
        #expect(unreachable.err.contains("cannot connect to PostgreSQL at 127.0.0.1:1 (database proforma, user postgres)"))
        let scopes = try await CLI.run(["token", "create", "--scopes", "read_everything"])
        #expect(scopes.status == 64)
        #expect(scopes.err.contains("unknown scope \"read_everything\""))
    }

    @Test("migrate is idempotent and safe from two processes at once", arguments: TestEngine.all)
    func migrate(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        async let first = CLI.run(["migrate", "--database", database])
        async let second = CLI.run(["migrate", "--database", database])
        let outcomes = try await [first, second]
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.err))")
        #expect(outcomes.filter { $0.out.hasPrefix("Applied migrations 1") }.count == 1)
        let again = try await CLI.run(["migrate", "--database", database])
        #expect(again.out.hasPrefix("The database is up to date"))
    }

    @Test("demo, tokens, staff, settings and imports, end to end", arguments: TestEngine.all)
    func administration(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        let demo = try await CLI.run(["demo", "--database", database])
        #expect(demo.status == 0, "\(demo.err)")
        #expect(demo.out.contains("Access token: pfat_"))
        let twice = try await CLI.run(["demo", "--database", database])
        #expect(twice.status == 1)
        #expect(twice.err.contains("already has a shop"))

        let token = try await CLI.run(["token", "create", "--scopes", "read_products,write_draft_orders", "--name", "erp",
                                       "--database", database])
        #expect(token.status == 0)
        #expect(token.out.range(of: #"^pfat_[0-9a-f]{32}\n$"#, options: .regularExpression) != nil, "\(token.out)")
        let secret = try await CLI.run(["webhook-secret", "--database", database])
        #expect(secret.out.range(of: #"^[0-9a-f]{64}\n$"#, options: .regularExpression) != nil, "\(secret.out)")
        #expect(try await CLI.run(["webhook-secret", "--database", database]).out == secret.out)
        let list = try await CLI.run(["token", "list", "--database", database])
        let line = try #require(list.out.split(separator: "\n").first { $0.contains("\terp\t") })
        #expect(line.contains("read_products,write_draft_orders"))
        #expect(!list.out.contains(token.out.trimmingCharacters(in: .whitespacesAndNewlines)))
        let id = String(line.split(separator: "\t")[0])
        #expect(try await CLI.run(["token", "revoke", id, "--database", database]).status == 0)
        #expect(try await CLI.run(["token", "revoke", id, "--database", database]).status == 1)

        let staff = try await CLI.run(["staff", "create", "--email", "rep@snowdevil.example", "--password-stdin",
                                       "--database", database], stdin: "a long enough secret\n")
        #expect(staff.status == 0, "\(staff.err)")
        let noStdin = try await CLI.run(["staff", "create", "--email", "x@snowdevil.example", "--database", database])
        #expect(noStdin.status == 64)

        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let products = directory.appendingPathComponent("products.csv")
        try ShopifyExports.products.write(to: products, atomically: true, encoding: .utf8)
        let imported = try await CLI.run(["import", "products", products.path, "--database", database])
        #expect(imported.out == "Imported 4 products with 8 variants.\n", "\(imported.err)")
        let customers = directory.appendingPathComponent("customers.csv")
        try ShopifyExports.customers.write(to: customers, atomically: true, encoding: .utf8)
        let importedCustomers = try await CLI.run(["import", "customers", customers.path, "--database", database])
        #expect(importedCustomers.out == "Imported 3 customers.\n", "\(importedCustomers.err)")
        let duplicate = try await CLI.run(["import", "customers", customers.path, "--database", database])
        #expect(duplicate.status == 1)
        #expect(duplicate.err.contains(#"line 2, column "Email": Email has already been taken"#))

        let settings = directory.appendingPathComponent("settings.json")
        try #"{"shop": {"name": "Renamed", "email": "x@y.co", "currency": "USD", "address": {"countryCode": "US"}}, "taxRates": [{"countryCode": "US", "provinceCode": "NY", "name": "NY", "rate": "4%"}]}"#
            .write(to: settings, atomically: true, encoding: .utf8)
        let badSettings = try await CLI.run(["settings", "import", settings.path, "--database", database])
        #expect(badSettings.status == 1)
        #expect(badSettings.err.contains(#"$.taxRates[0].rate: must be a decimal string like "0.05""#))
        try #"{"shop": {"name": "Renamed", "email": "x@y.co", "currency": "USD", "address": {"countryCode": "US", "provinceCode": "NY"}}}"#
            .write(to: settings, atomically: true, encoding: .utf8)
        let goodSettings = try await CLI.run(["settings", "import", settings.path, "--database", database])
        #expect(goodSettings.out.hasPrefix("Updated shop Renamed"), "\(goodSettings.err)")
    }

    @Test("a bad product row names its line and column, and nothing is imported")
    func badImport() async throws {
        let url = try await TestDatabases.shared.empty(.sqlite)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        #expect(try await CLI.run(["demo", "--database", database]).status == 0)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.csv")
        let rows = ShopifyExports.products.replacingOccurrences(of: "VAR-M-CR,320,shopify,4,deny,manual,62.50",
                                                                with: "VAR-M-CR,320,shopify,4,deny,manual,sixty")
        try rows.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try await CLI.run(["import", "products", file.path, "--database", database])
        #expect(outcome.status == 1)
        #expect(outcome.err.contains(#"line 7, column "Variant Price": "sixty" is not a decimal number"#))
        let count = try await withDatabase(url, logger: .init(label: "test")) { database in
            try await TestContext(database: database).catalog.countProducts(shop: ShopID(1), matching: SearchQuery(parsing: "handle:ocean-blue-shirt"))
        }
        #expect(count == 0)
    }

    @Test("serve --demo seeds, serves the printed token, and stops on SIGTERM", arguments: TestEngine.all)
    func serve(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        let server = try await ServerProcess(["--demo", "--database", database])
        let token = try #require(server.demoToken)
        #expect(server.banner.contains("Admin API:    \(server.baseURL)/admin/api/2025-10/graphql.json"))

        #expect(try await server.get("/health") == #"{"status":"ok","database":"ok"}"#)
        let products = try await server.graphQL("{ productsCount { count } customersCount { count } shop { name } }",
                                                token: token)
        #expect(products["data"] == ["productsCount": ["count": 20], "customersCount": ["count": 8],
                                     "shop": ["name": "Snowdevil Outfitters"]])

        // Prometheus: request counts and latencies by route, and the webhook queue.
        var metrics = ""
        for _ in 0..<50 where !metrics.contains("proforma_webhook_queue_depth") {
            metrics = try await server.get("/metrics")
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(metrics.contains(#"hb_requests{http_route="/admin/api/{version}/graphql.json""#), "\(metrics.prefix(500))")
        #expect(metrics.contains("http_server_request_duration_bucket"))
        #expect(metrics.contains("proforma_webhook_queue_depth 0"))

        let stopped = await server.stop()
        #expect(stopped == 0)
    }
}

func freePort() throws -> Int {
    let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
