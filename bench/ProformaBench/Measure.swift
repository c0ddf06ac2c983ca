/// Times a closure: a warm-up, then `iterations` runs, reporting the median and mean.
struct Measurement {
    var name: String
    var samples: [Duration]

    var median: Duration { samples.sorted()[samples.count / 2] }
    var mean: Duration { samples.reduce(.zero, +) / samples.count }

    static func run(_ name: String, iterations: Int, warmUp: Int = 50, _ body: () async throws -> Void) async rethrows -> Measurement {
        for _ in 0..<warmUp { try await body() }
        var samples: [Duration] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let start = clock.now
            try await body()
            samples.append(clock.now - start)
        }
        return Measurement(name: name, samples: samples)
    }

    func report(target: String? = nil, per unit: (count: Int, label: String)? = nil) {
        var line = "\(name.padding(toLength: 58, withPad: " ", startingAt: 0)) median \(format(median))  mean \(format(mean))"
        if let unit { line += "  (\(format(median / unit.count)) per \(unit.label))" }
        if let target { line += "   target \(target)" }
        print(line)
    }
}

func format(_ duration: Duration) -> String {
    let nanoseconds = Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    if nanoseconds >= 1e6 { return String(format: "%8.2f ms", nanoseconds / 1e6) }
    return String(format: "%8.1f µs", nanoseconds / 1e3)
}

import Foundation
