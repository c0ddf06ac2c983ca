import Foundation
import ProformaAPI
import ProformaCore

/// What the wrk scripts need from a live server, written into PROFORMA_BENCH_FIXTURES:
/// `proforma-bench fixtures` writes catalog variants for the five-line draft (`variants.txt`) and
/// a customer whose drafts are searched (`customer.txt`, a numeric id); `proforma-bench
/// big-drafts` makes 64 drafts of 499 lines to update (`drafts-499.txt`). They are made last,
/// just before they are updated, so that the list benchmark's first page is of ordinary drafts.
enum Fixtures {
    static let draftsToUpdate = 64

    static func run() async throws {
        try await LiveServer.withServer { server in try await run(server) }
    }

    static func bigDrafts() async throws {
        try await LiveServer.withServer { server in try await bigDrafts(server) }
    }

    static func run(_ server: LiveServer) async throws {
        let (catalog, _) = try await server.graphQL("""
            { productVariants(first: 3) { nodes { id } } customers(first: 1) { nodes { id } } }
            """)
        let variants = catalog[path: "productVariants", "nodes"]?.arrayValue?.compactMap { $0[path: "id"]?.stringValue } ?? []
        guard variants.count == 3, let customer = catalog[path: "customers", "nodes", 0, "id"]?.stringValue else {
            throw LiveServer.Failure(description: "the shop needs 3 variants and a customer (start it with --demo)")
        }
        try write(variants, to: "\(try folder())/variants.txt")
        try write([String(customer.split(separator: "/").last ?? "")], to: "\(try folder())/customer.txt")
        print("fixtures: 3 variants, customer \(customer)")
    }

    static func bigDrafts(_ server: LiveServer) async throws {
        var drafts: [String] = []
        for index in 0..<draftsToUpdate {
            let lines: [JSONValue] = (1...DraftOrder.maximumLines).map { line in
                .object(["title": .string("Part \(line)"), "originalUnitPrice": .string("\(3 + line % 40).25"),
                         "quantity": .int(1 + line % 3)])
            }
            let (created, _) = try await server.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
                  draftOrder { id } userErrors { field message } } }
                """, variables: ["input": .object([
                    "lineItems": .array(lines), "tags": .array([.string("bench-499")]),
                    "note": .string("bench draft \(index)"),
                ])])
            guard let id = created[path: "draftOrderCreate", "draftOrder", "id"]?.stringValue else {
                throw LiveServer.Failure(description: "draftOrderCreate failed: \(created.jsonText.prefix(500))")
            }
            drafts.append(id)
        }
        try write(drafts, to: "\(try folder())/drafts-499.txt")
        print("fixtures: \(drafts.count) drafts of \(DraftOrder.maximumLines) lines")
    }

    private static func folder() throws -> String {
        guard let folder = ProcessInfo.processInfo.environment["PROFORMA_BENCH_FIXTURES"] else {
            throw LiveServer.Failure(description: "set PROFORMA_BENCH_FIXTURES to a folder")
        }
        return folder
    }

    private static func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
