import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run the built binary.
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` with a read past the end of each
/// directory entry (swift-corelibs-foundation #5472, fixed after Swift 6.3), and crashed the test
/// process in three of four runs once the store tests, running alongside, held some 1,400
/// descriptors. Every descriptor this type makes is close-on-exec, so one child never holds
/// another's pipe open; the child gets only what it is handed as its standard streams.
final class ChildProcess: @unchecked Sendable {
    /// Held while a pipe is made close-on-exec and while a child is spawned, so that no child
    /// starts between the two and inherits a pipe meant for another.
    private static let spawning = NSLock()

    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module leaves out.
    private static let addChdir = unsafeBitCast(
        dlsym(nil, "posix_spawn_file_actions_addchdir_np"),
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)

    let pid: pid_t
    private let status = NSLock()
    private var exit: Int32?

    /// Starts `executable`; nil streams read from or write to /dev/null.
    init(_ executable: String, arguments: [String], environment: [String: String], directory: String,
         stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
            if let stream {
                posix_spawn_file_actions_adddup2(&actions, stream, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        _ = Self.addChdir(&actions, directory)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = Self.spawning.withLock { posix_spawn(&pid, executable, &actions, nil, argv, envp) }
        guard result == 0 else { throw ChildProcessError(description: "posix_spawn \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// A pipe whose two ends are closed on exec: (read, write).
    static func pipe() throws -> (read: Int32, write: Int32) {
        try spawning.withLock {
            var fds: [Int32] = [0, 0]
            guard Glibc.pipe(&fds) == 0 else { throw ChildProcessError(description: "pipe: \(String(cString: strerror(errno)))") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
    }

    /// Waits for the child to end and returns its exit status, or 128 + the signal that ended it.
    func waitForExit() -> Int32 {
        status.lock()
        defer { status.unlock() }
        if let exit { return exit }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        let code = Self.exitCode(raw)
        exit = code
        return code
    }

    /// Whether the child has not been waited for and still runs.
    var isRunning: Bool {
        status.lock()
        defer { status.unlock() }
        guard exit == nil else { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        exit = Self.exitCode(raw)
        return false
    }

    /// `waitpid`'s status as a shell reports it: the exit status, or 128 plus the signal's number.
    private static func exitCode(_ raw: Int32) -> Int32 {
        raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    var description: String
}
