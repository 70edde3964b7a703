import Foundation
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The source tree keeps its shape (as FeatherCMS's `FeatureStructureTestSuite` holds its modules'):
/// a programme register is a folder with its declaration and a migration beside the others, and
/// nothing more unless it has behaviour of its own; views live in `Pages/` and know nothing of
/// HTTP; migrations are numbered, each in its feature's `Migrations/` and registered once; the
/// domain module imports no server framework. A new register or feature that breaks the shape
/// fails here, not in review.
final class FeatureStructureTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")
    static let app = sources.appendingPathComponent("GaoxinApp")
    /// The issue's budget for a simple register: declaration with demo rows, plus its migration.
    static let registerLineBudget = 250

    func testEveryProgrammeRegisterIsOneFolderWithItsDeclarationAndAMigration() throws {
        let programme = Self.app.appendingPathComponent("Programme")
        let migrations = try swiftFiles(programme.appendingPathComponent("Migrations"))
        for declaration in Registers.all {
            let declared = try swiftFiles(programme, recursive: true).filter { try text($0).contains("key: \"\(declaration.key)\"") }
            XCTAssertEqual(declared.count, 1, "\(declaration.key) is declared in exactly one file")
            guard let file = declared.first else { continue }
            let folder = file.deletingLastPathComponent()
            XCTAssertEqual(folder.deletingLastPathComponent().lastPathComponent, "Programme", "\(declaration.key) has a folder of its own under Programme/")
            XCTAssertTrue(file.lastPathComponent.hasSuffix("Register.swift"), "\(file.lastPathComponent): a declaration file is named …Register.swift")
            let creates = try migrations.filter { try text($0).contains("RegisterTable.create(\"\(declaration.table)\"") }
            XCTAssertEqual(creates.count, 1, "\(declaration.key): one migration creates \(declaration.table) through RegisterTable")
            let lines = try swiftFiles(folder).map { try text($0).split(separator: "\n", omittingEmptySubsequences: false).count }.reduce(0, +)
                + (try creates.first.map { try text($0).split(separator: "\n", omittingEmptySubsequences: false).count } ?? 0)
            XCTAssertLessThanOrEqual(lines, Self.registerLineBudget, "\(declaration.key) takes \(lines) lines of Sources")
        }
        let folders = try FileManager.default.contentsOfDirectory(at: programme, includingPropertiesForKeys: nil).filter { $0.hasDirectoryPath }
        XCTAssertEqual(folders.count, Registers.all.count + 1, "one folder per programme register, plus Migrations")
    }

    func testViewsLiveInPagesAndKnowNothingOfHTTP() throws {
        for file in try swiftFiles(Self.app, recursive: true) where file.pathComponents.contains("Pages") {
            let source = try text(file)
            XCTAssertTrue(source.contains("import Plot"), "\(file.lastPathComponent) draws with Plot")
            for framework in ["Vapor", "Fluent", "SQLKit"] {
                XCTAssertFalse(source.contains("import \(framework)\n"), "\(file.lastPathComponent): a view does not import \(framework)")
            }
        }
        for file in try swiftFiles(Self.app, recursive: true) where file.lastPathComponent.hasSuffix("+View.swift") {
            XCTAssertEqual(file.deletingLastPathComponent().lastPathComponent, "Pages", "\(file.lastPathComponent) belongs in its feature's Pages/")
        }
    }

    func testMigrationsAreNumberedInTheirFeatureAndRegisteredOnce() throws {
        let registered = try text(Self.app.appendingPathComponent("Database/Migrations.swift"))
        var numbers: [String] = []
        for file in try swiftFiles(Self.app, recursive: true) where file.pathComponents.contains("Migrations") && file.deletingLastPathComponent().lastPathComponent == "Migrations" {
            let name = file.deletingPathExtension().lastPathComponent
            XCTAssertNotNil(name.range(of: #"^M\d{4}_(Create|Update)[A-Za-z]+$"#, options: .regularExpression), "\(name): M0000_CreateThing or M0000_UpdateThing…")
            numbers.append(String(name.prefix(5)))
            XCTAssertEqual(registered.components(separatedBy: "\(name)()").count - 1, 1, "\(name) is registered once in Migrations.swift")
        }
        XCTAssertEqual(numbers.count, Set(numbers).count, "no two migrations share a number")
        XCTAssertEqual(numbers.sorted().last.map { Int($0.dropFirst())! }, numbers.count, "numbers run 1…n without gaps")
    }

    func testTheDomainModuleImportsNoServerFramework() throws {
        for file in try swiftFiles(Self.sources.appendingPathComponent("GaoxinDomain"), recursive: true) {
            let source = try text(file)
            for framework in ["Vapor", "Fluent", "SQLKit", "NIO", "Plot"] {
                XCTAssertFalse(source.contains("import \(framework)"), "\(file.lastPathComponent): domain rules know nothing of \(framework)")
            }
        }
    }

    private func swiftFiles(_ folder: URL, recursive: Bool = false) throws -> [URL] {
        if recursive {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
        }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "swift" }
    }

    private func text(_ file: URL) throws -> String { try String(contentsOf: file, encoding: .utf8) }
}

/// Links between records are built from the route declarations: a reference whose target has a
/// page links to the very list the declaration (or the route table) serves, so a renamed register
/// cannot leave a dead link behind.
final class ReferenceLinkTests: XCTestCase {
    func testEveryReferenceTargetsPageIsADeclaredRoute() async throws {
        let declared = Dictionary(Registers.all.map { ($0.table, $0.path) }, uniquingKeysWith: { first, _ in first })
        let models = ["enterprises": Site.enterprises, "clusters": Site.clusters, "units": Site.units]
        var checked = 0
        for declaration in Registers.all {
            for field in declaration.fields {
                guard let target = field.kind.target, let path = target.path else { continue }
                XCTAssertEqual(path, declared[target.table] ?? models[target.table], "\(declaration.key).\(field.key) → \(target.table)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20, "references with pages are checked")
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .admin)
            for path in Set(Registers.all.flatMap { $0.fields.compactMap { $0.kind.target?.path } }) {
                try await AssertAsync.equal(try await browser.get(path).status, .ok, path)
            }
        }
    }
}
