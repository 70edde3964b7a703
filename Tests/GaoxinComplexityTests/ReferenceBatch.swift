import Foundation
import XCTest

/// Writes every catalogued scenario and runs the reference on all of them in one process,
/// once per test run; the reference's outputs stay in `directory` for the comparisons.
enum ReferenceBatch {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-complexity-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        batchDirectoryPath = url.path
        // GAOXIN_KEEP_TEST_FILES=1 keeps inputs and outputs for a look after a failure.
        if ProcessInfo.processInfo.environment["GAOXIN_KEEP_TEST_FILES"] != "1" {
            atexit { if let path = batchDirectoryPath { try? FileManager.default.removeItem(atPath: path) } }
        } else {
            print("test files kept in \(url.path)")
        }
        return url
    }()

    static func path(_ scenario: Scenario, _ kind: String) -> String {
        directory.appendingPathComponent("\(scenario.name)-\(kind).csv").path
    }

    /// The shared arguments of each scenario, after the batch has run; or why it could not run.
    static let arguments: Result<[String: [String]], Error> = Result {
        var shared: [String: [String]] = [:]
        var jobs: [String] = []
        for scenario in ScenarioCatalog.all {
            let words = try scenario.write(to: directory)
            shared[scenario.name] = words
            jobs.append((words + ["--output", path(scenario, "reference"), "--proximity", path(scenario, "reference-proximity")])
                .joined(separator: "\t"))
        }
        guard ReferenceHarness.unavailableReason == nil else { return shared }
        let jobsFile = directory.appendingPathComponent("jobs.txt")
        try jobs.joined(separator: "\n").write(to: jobsFile, atomically: true, encoding: .utf8)
        let result = ReferenceHarness.run([ReferenceHarness.python, ReferenceHarness.scriptPath, "--batch", jobsFile.path])
        guard result.status == 0 else { throw BatchFailure(message: result.stderr) }
        return shared
    }

    struct BatchFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { "reference batch failed: \(message)" }
    }
}

/// For the exit handler, which cannot capture context.
private var batchDirectoryPath: String?
