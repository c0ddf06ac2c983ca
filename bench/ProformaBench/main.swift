import Foundation

// Run in a release build. In process: swift run -c release proforma-bench
// [calculator|documents|executor|create|sql|search|create-scaling]. Against a live server (bench/run starts it):
// proforma-bench fixtures|big-drafts|contention.
let selected = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

#if DEBUG
print("warning: a debug build; run `swift run -c release proforma-bench` for figures that mean something\n")
#endif
if wanted("calculator") { await CalculatorBenchmark.run() }
if wanted("documents") { await DocumentBenchmark.run() }
if wanted("executor") { try await ExecutorBenchmark.run() }
if wanted("create") { try await DraftCreateBenchmark.run() }
if wanted("sql") { try await SQLHopBenchmark.run() }
if wanted("search") { try await SearchPageBenchmark.run() }
if selected.contains("create-scaling") {
    for concurrency in [1, 2, 4, 16] { try await DraftCreateBenchmark.run(total: 3000, concurrency: concurrency) }
}
if selected.contains("fixtures") { try await Fixtures.run() }
if selected.contains("big-drafts") { try await Fixtures.bigDrafts() }
if selected.contains("contention") { try await ContentionBenchmark.run() }
