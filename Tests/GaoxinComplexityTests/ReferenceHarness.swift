import Foundation
import XCTest

/// Runs the reference (`ecomplexity` 0.5.3 through scripts/ecomplexity_reference.py) in the
/// test run, so the test vectors always come from the package itself.
///
/// Without python3 or the package a developer's run skips these tests; under CI (CI=true) it
/// fails instead, so CI can never pass without comparing.
enum ReferenceHarness {
    static let python = ProcessInfo.processInfo.environment["GAOXIN_PYTHON"] ?? "python3"

    static var scriptPath: String {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return tests.appendingPathComponent("../../scripts/ecomplexity_reference.py").standardizedFileURL.path
    }

    /// nil when the reference can run; otherwise why not.
    static let unavailableReason: String? = {
        guard FileManager.default.fileExists(atPath: scriptPath) else { return "missing \(scriptPath)" }
        let check = "import importlib.metadata as m, ecomplexity, pandas; v = m.version('ecomplexity'); "
            + "assert v == '0.5.3', 'ecomplexity ' + v; assert int(pandas.__version__.split('.')[0]) < 3, "
            + "'pandas ' + pandas.__version__ + ' (need < 3)'"
        let result = run([python, "-c", check])
        return result.status == 0 ? nil : "python3 with ecomplexity==0.5.3 and pandas<3 is not usable: \(result.stderr)"
    }()

    /// Skips (developer machine) or fails (CI) when the reference cannot run.
    static func requireReference(file: StaticString = #filePath, line: UInt = #line) throws {
        guard let reason = unavailableReason else { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("CI=true but the reference cannot run: \(reason). Install: pip install ecomplexity==0.5.3 'pandas>=2.2,<3'",
                    file: file, line: line)
            throw ReferenceUnavailable()
        }
        throw XCTSkip("reference unavailable: \(reason)")
    }

    struct ReferenceUnavailable: Error {}

    /// Runs the reference script with the same options the CLI gets.
    static func runReference(arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = run([python, scriptPath] + arguments)
        guard result.status == 0 else {
            XCTFail("reference failed (\(result.status)): \(result.stderr)", file: file, line: line)
            throw ReferenceUnavailable()
        }
    }

    static func run(_ command: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "\(error)") }
        // Read before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
