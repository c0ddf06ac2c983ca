@testable import ProformaServices
import Testing

@Suite("Job signal")
struct JobSignalTests {
    @Test("an idle runner sleeps the whole interval, every time, instead of spinning")
    func waitsOutTheTimeout() async {
        let signal = JobSignal()
        let clock = ContinuousClock()
        for _ in 0..<3 {
            let waited = await clock.measure { await signal.wait(timeout: .milliseconds(80)) }
            #expect(waited >= .milliseconds(80))
        }
    }

    @Test("a notification wakes the waiter, and one sent while no one waits is kept for the next wait")
    func notificationsWake() async {
        let signal = JobSignal()
        let clock = ContinuousClock()
        signal.notify()
        let kept = await clock.measure { await signal.wait(timeout: .seconds(30)) }
        #expect(kept < .seconds(10))
        let waiter = Task { await clock.measure { await signal.wait(timeout: .seconds(30)) } }
        try? await Task.sleep(for: .milliseconds(50))
        signal.notify()
        #expect(await waiter.value < .seconds(10))
        // The notification was used up: the next wait runs to its timeout.
        let next = await clock.measure { await signal.wait(timeout: .milliseconds(80)) }
        #expect(next >= .milliseconds(80))
    }
}
