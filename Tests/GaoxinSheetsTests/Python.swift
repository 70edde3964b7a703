import Foundation

/// A python3 that can import openpyxl. Several interpreters are tried because the one first
/// in PATH (pyenv, a venv) may lack the module that Debian's python3-openpyxl installs for
/// /usr/bin/python3, or the other way round.
enum Python {
    static let withOpenpyxl: String? = {
        for candidate in ["python3", "/usr/bin/python3", "/usr/local/bin/python3"] {
            guard let path = ExternalProcess.locate(candidate),
                  let result = try? ExternalProcess.run(path, ["-c", "import openpyxl"], timeout: 60),
                  result.status == 0 else { continue }
            return path
        }
        return nil
    }()

    /// Runs a script with arguments; a non-zero exit fails with the script's stderr.
    static func run(_ interpreter: String, script: String, arguments: [String]) throws -> String {
        let result = try ExternalProcess.run(interpreter, ["-c", script] + arguments, timeout: 120)
        guard result.status == 0 else {
            throw ExternalProcess.Failure(description: "python failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}
