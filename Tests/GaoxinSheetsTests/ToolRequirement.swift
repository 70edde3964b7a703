import Foundation
import XCTest

/// The interoperability tests need python3 with openpyxl and LibreOffice. On a developer
/// machine without them the tests are skipped; under CI (`CI=true`) a missing tool is a
/// failure, so that CI can never pass by silently skipping what it exists to check.
///
/// Install: `apt-get install -y libreoffice-calc python3-openpyxl` (or `pip install openpyxl`).
struct MissingTool: Error, CustomStringConvertible {
    let description: String
}

func requireTool<T>(_ tool: T?, _ name: String, install: String, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    if let tool { return tool }
    let message = "\(name) is not available; install it with: \(install)"
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("CI must not skip: \(message)", file: file, line: line)
        throw MissingTool(description: message)
    }
    throw XCTSkip(message, file: file, line: line)
}
