@testable import ProformaStore
import Testing

@Suite("Arrival queues")
struct ArrivalQueueTests {
    @Test("elements leave in arrival order, across emptying and refilling")
    func order() {
        var queue = ArrivalQueue<Int>()
        #expect(queue.isEmpty)
        #expect(queue.popFirst() == nil)
        for value in 1...3 { queue.append(value) }
        #expect(queue.popFirst() == 1)
        queue.append(4)
        #expect(!queue.isEmpty)
        #expect([queue.popFirst(), queue.popFirst(), queue.popFirst()] == [2, 3, 4])
        #expect(queue.isEmpty)
        #expect(queue.popFirst() == nil)
        queue.append(5)
        #expect(queue.popFirst() == 5)
        #expect(queue.isEmpty)
    }
}
