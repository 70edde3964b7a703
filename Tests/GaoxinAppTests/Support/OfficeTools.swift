import Foundation
import XCTest

/// Runs the outside tools the interoperability tests need (python3 with openpyxl or
/// openapi-spec-validator, LibreOffice's soffice) with a time limit, output captured via files.
/// A missing tool goes through `ToolRequirement.missing`: skipped locally, a failure under CI.
enum OfficeTools {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180,
                    environment: [String: String]? = nil) throws -> Result {
        guard let path = locate(executable) else { throw Failure(description: "\(executable) not found in PATH") }
        let scratch = try scratchFolder("proc")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "\(executable) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func locate(_ executable: String) -> String? {
        if executable.contains("/") { return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(executable)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func scratchFolder(_ tag: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gx-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Python

    /// Skips (locally) or fails (CI) unless `python3` can import the module.
    static func requirePython(module: String, package: String) throws {
        guard locate("python3") != nil, let probe = try? run("python3", ["-c", "import \(module)"], timeout: 60), probe.status == 0 else {
            try ToolRequirement.missing("python3 with \(package) (pip install \(package))")
            return
        }
    }

    /// Runs a Python script with arguments and returns its standard output; fails on a non-zero exit.
    static func python(_ script: String, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run("python3", ["-c", script] + arguments)
        XCTAssertEqual(result.status, 0, "python failed: \(result.stderr)", file: file, line: line)
        return result.stdout
    }

    /// Runs a Python script that prints one JSON value.
    static func pythonJSON(_ script: String, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let output = try python(script, arguments, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    // MARK: LibreOffice

    static func requireLibreOffice() throws -> String {
        guard let soffice = locate("soffice") ?? locate("libreoffice") else {
            try ToolRequirement.missing("LibreOffice (apt-get install libreoffice-calc)")
            return ""
        }
        return soffice
    }

    /// Converts `input` with LibreOffice headless into `target` (e.g. `csv:Text - txt - csv (StarCalc):44,34,76,1`
    /// for UTF-8 CSV, or `xlsx`), with a private profile so parallel runs do not collide. Returns the output file.
    static func convert(_ input: URL, to target: String, extension ext: String, inputFilter: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let soffice = try requireLibreOffice()
        let profile = try scratchFolder("lo-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let outDir = try scratchFolder("lo-out")
        var arguments = ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore"]
        if let inputFilter { arguments.append("--infilter=\(inputFilter)") }
        arguments += ["--convert-to", target, "--outdir", outDir.path, input.path]
        let result = try run(soffice, arguments, timeout: 240, environment: ["HOME": profile.path])
        let output = outDir.appendingPathComponent(input.deletingPathExtension().lastPathComponent + "." + ext)
        XCTAssertEqual(result.status, 0, "soffice failed: \(result.stdout) \(result.stderr)", file: file, line: line)
        guard FileManager.default.fileExists(atPath: output.path) else {
            throw Failure(description: "soffice wrote no \(ext): \(result.stdout) \(result.stderr)")
        }
        return output
    }
}
