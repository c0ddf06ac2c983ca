import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProformaAPI
import ProformaTestSupport

/// A `proforma serve` process of the built binary, spoken to over real HTTP.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    let banner: String
    private let process: ChildProcess
    /// Its standard output, kept open while it runs: a server writing to a pipe nobody holds
    /// would die of SIGPIPE.
    private let output: FileHandle

    /// Starts `proforma serve` on a free port with `arguments`, and returns once it prints its banner,
    /// which is when it listens.
    init(_ arguments: [String], port: Int? = nil) async throws {
        let port = try port ?? freePort()
        let output = try ChildProcess.pipe()
        // A file, not a pipe: nobody reads it while the server runs, and a full pipe would block it.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-serve-\(UUID().uuidString).err")
        let errorFile = open(errors.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(errorFile)
            try? FileManager.default.removeItem(at: errors)
        }
        let process: ChildProcess
        do {
            process = try CLI.start(["serve", "--port", String(port)] + arguments, stdout: output.write, stderr: errorFile)
        } catch {
            close(output.read)
            close(output.write)
            throw error
        }
        close(output.write)
        self.port = port
        self.process = process
        self.output = FileHandle(fileDescriptor: output.read, closeOnDealloc: true)
        do {
            banner = try await Self.read(until: "Admin API:", from: self.output)
        } catch {
            kill(process.pid, SIGTERM)
            // Why it did not start (a port taken meanwhile, a failed migration) is in its stderr.
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw TestDatabaseError(description: "\(error); stderr: \(said.suffix(2000))")
        }
        // What it prints after the banner is read and dropped until it exits, on a thread of
        // its own: a full pipe would block the server, and a blocking read would hold one of
        // the few threads Swift's tasks run on.
        let drained = self.output
        Thread.detachNewThread { while !drained.availableData.isEmpty {} }
    }

    deinit { if process.isRunning { kill(process.pid, SIGTERM) } }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The access token a `--demo` banner prints.
    var demoToken: String? {
        banner.split(separator: "\n").first { $0.hasPrefix("Access token:") }?.split(separator: " ").last.map(String.init)
    }

    /// Sends `signal`, waits until the process is gone, and returns its exit status (128 plus
    /// the signal's number when a signal ended it).
    func stop(_ signal: Int32 = SIGTERM) async -> Int32 {
        kill(process.pid, signal)
        let process = self.process
        return await Task.detached { process.waitForExit() }.value
    }

    func get(_ path: String) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + path)!)
        return String(decoding: data, as: UTF8.self)
    }

    /// Posts a GraphQL document to the Admin API and decodes the answer.
    func graphQL(_ query: String, variables: JSONValue? = nil, token: String) async throws -> JSONValue {
        var body: [String: JSONValue] = ["query": .string(query)]
        if let variables { body["variables"] = variables }
        var writer = JSONWriter()
        writer.write(.object(body))
        var request = URLRequest(url: URL(string: baseURL + "/admin/api/2025-10/graphql.json")!)
        request.httpMethod = "POST"
        request.httpBody = Data(writer.bytes)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(token, forHTTPHeaderField: "X-Shopify-Access-Token")
        request.timeoutInterval = 60
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONValue.parse(data)
    }

    private static func read(until marker: String, from handle: FileHandle) async throws -> String {
        try await Task.detached {
            var text = ""
            let deadline = Date().addingTimeInterval(120)
            while !text.contains(marker) {
                guard Date() < deadline else { throw TestDatabaseError(description: "no \(marker) in: \(text)") }
                let chunk = handle.availableData
                if chunk.isEmpty { throw TestDatabaseError(description: "the server exited; output: \(text)") }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }.value
    }
}
