import Foundation

/// Headless LibreOffice conversions for the interoperability tests.
enum LibreOffice {
    static let executable: String? = ExternalProcess.locate("soffice") ?? ExternalProcess.locate("libreoffice")

    /// One profile per test process: LibreOffice refuses to share a profile with a running
    /// instance, and creating it is the slow part of the first start, so it is reused
    /// within the process and removed when the process exits.
    private static let profile: URL = {
        atexit { try? FileManager.default.removeItem(at: LibreOffice.profilePath()) }
        return profilePath()
    }()

    private static func profilePath() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("gx-sheets-lo-profile-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Converts `input` into `folder` and returns the produced file.
    /// - Parameters:
    ///   - filter: the `--convert-to` argument, e.g. "xlsx" or
    ///     `csv:"Text - txt - csv (StarCalc)":44,34,76` (comma, double quote, UTF-8).
    ///   - inputFilter: the `--infilter` argument, e.g. `CSV:44,34,76,1` for UTF-8 CSV input.
    static func convert(_ executable: String, _ input: URL, filter: String, extension ext: String,
                        inputFilter: String? = nil, into folder: URL) throws -> URL {
        var arguments = [
            "-env:UserInstallation=\(profile.absoluteString)",
            "--headless", "--norestore", "--nologo", "--nolockcheck",
        ]
        if let inputFilter { arguments += ["--infilter=\(inputFilter)"] }
        arguments += ["--convert-to", filter, "--outdir", folder.path, input.path]
        // The first start creates the profile and can take a minute on a loaded machine.
        let result = try ExternalProcess.run(executable, arguments, timeout: 300)
        let output = folder.appendingPathComponent(input.deletingPathExtension().lastPathComponent + "." + ext)
        guard result.status == 0, FileManager.default.fileExists(atPath: output.path) else {
            throw ExternalProcess.Failure(description: "soffice conversion failed (\(result.status)): \(result.stdout) \(result.stderr)")
        }
        return output
    }
}
