import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest
import ZIPFoundation

/// The portable backup: SQLite → archive → PostgreSQL → archive → SQLite → archive, all equal;
/// restore only into an empty database; and the archive's schema covers every migrated column.
final class BackupTests: XCTestCase {
    /// A migrated, empty database of an engine, with an app on it (no fixtures).
    private func withEmptyApp(_ engine: Engine, _ body: (Application) async throws -> Void) async throws {
        let (url, cleanup) = try await TestDatabase.fresh(engine: engine)
        var config = AppConfig()
        config.databaseURL = url
        config.bcryptCost = 4
        config.logLevel = .warning
        let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
        do {
            try configure(app, config: config)
            app.logger.logLevel = .warning
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup()
    }

    /// Data in every table: units (moved, deactivated), users, sessions, tokens (one revoked),
    /// a failed sign-in, audit rows, and finished jobs with Chinese results.
    private func fill(_ app: Application, _ fixtures: Fixtures) async throws {
        let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let group = try await office.createUnit("芯片设计一组（含“引号”与\\反斜杠）", parent: fixtures.team, code: "IC-1")
        Check.equal(try await office.send(.POST, Site.API.unitMove(group), body: ["parentId": fixtures.otherTeam]).status, .ok)
        Check.equal(try await office.send(.POST, Site.API.unitDeactivate(group)).status, .ok)
        _ = try await APIClient.forRole(.leader, app: app, fixtures: fixtures, readOnly: true)
        let writer = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
        Check.equal(try await writer.send(.POST, Site.API.users, body: ["username": "backup.user", "displayName": "备份用户", "unitId": fixtures.team,
                                                                      "roles": ["unit", "leader"], "email": "b@wuxi.cn", "password": "Backup-Restore-2026"]).status, .created)
        let browser = Browser(app)
        try await browser.signIn(as: .office)
        _ = try await Browser(app).signIn("t-leader", password: "wrong-password-1")
        let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
        _ = try await driver.viaAPI("units", fileName: "好.csv", data: ImportDriver.csv([ImportTests.header, "导入的单位,部门,XW,IMP-1,,备注"]))
        _ = try await driver.viaAPI("units", fileName: "坏.csv", data: ImportDriver.csv([ImportTests.header, ",部门,,,,"]))
        // A queued job still holding its upload: binary data, not valid UTF-8.
        let queued = try await JobRunner.create(kind: "import:units", createdBy: fixtures.users[.office], input: Data([0xFF, 0x00, 0xFE, 0x50, 0x4B]),
                                                inputName: "排队中.xlsx", on: app.db, now: app.clock.now())
        XCTAssertNotNil(queued.id)
        let token = try Check.unwrap(try await APIToken.query(on: app.db).first())
        token.revokedAt = app.clock.now()
        try await token.save(on: app.db)
        try await fillRemaining(app)
    }

    /// Tables of later features that the foundation's actions leave empty get one synthetic row
    /// each (in `BackupSchema` order, so id 1 of every earlier table exists for foreign keys), so
    /// every table and column type is carried through the round trip.
    private func fillRemaining(_ app: Application) async throws {
        let sql = app.db as! any SQLDatabase
        for table in BackupSchema.tables where try await Probe.count(app, table.name) == 0 {
            let values: [any SQLExpression] = table.columns.map { column in
                switch column.type {
                case .int: return SQLBind(1)
                case .text: return SQLBind("样例 \(column.name) “引号”")
                case .bool: return SQLBind(true)
                case .datetime: return SQLBind(Date(timeIntervalSince1970: 1_790_000_000.123456))
                case .blob: return SQLBind(Data([0x00, 0xFF, 0x10]))
                case .double: return SQLBind(0.1 + 0.2)
                }
            }
            try await sql.insert(into: table.name).columns(table.columns.map(\.name)).values(values).run()
        }
    }

    func testSQLiteArchiveRestoresIntoPostgreSQLAndBackGivingEqualArchives() async throws {
        _ = try TestDatabase.requirePostgres()
        var first = Data()
        try await withApp(engine: .sqlite) { app, fixtures in
            try await self.fill(app, fixtures)
            first = try await BackupArchive.write(from: app.db)
        }
        let firstTables = try Self.contents(first)
        for table in BackupSchema.tables {
            XCTAssertGreaterThan(firstTables.manifest.tables.first { $0.name == table.name }?.rows ?? 0, 0, "the test fills \(table.name)")
        }
        var second = Data()
        try await withEmptyApp(.postgres) { app in
            let manifest = try await BackupArchive.restore(first, into: app.db)
            XCTAssertEqual(manifest.tables, firstTables.manifest.tables)
            second = try await BackupArchive.write(from: app.db)
            // The identity sequences moved past the restored ids: new rows get fresh ids.
            let maxID = firstTables.manifest.tables.first { $0.name == "units" }!.rows
            let unit = try await UnitSeed.insert(.init(name: "恢复后新建", kind: .department, code: nil, parentID: nil, sortOrder: 0, note: nil), on: app.db)
            XCTAssertGreaterThan(unit.id!, maxID)
            // A restored account signs in with its old password.
            let signIn = try await Browser(app).signIn("backup.user", password: "Backup-Restore-2026")
            XCTAssertEqual(signIn.status, .seeOther)
            // The search postings are not in the archive: they are filed again from the restored names.
            let sql = app.db as! any SQLDatabase
            let names = try await sql.raw("SELECT name FROM enterprises").all().map { try $0.decode(column: "name", as: String.self) }
            XCTAssertFalse(names.isEmpty)
            let filed = try await sql.raw("SELECT COUNT(*) AS n FROM search_grams WHERE tbl = 'enterprises'").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(filed, names.map { SearchIndex.grams($0).count }.reduce(0, +))
        }
        Self.assertSameContents(try Self.contents(second), firstTables, "SQLite → PostgreSQL")
        var third = Data()
        try await withEmptyApp(.sqlite) { app in
            _ = try await BackupArchive.restore(second, into: app.db)
            third = try await BackupArchive.write(from: app.db)
        }
        Self.assertSameContents(try Self.contents(third), firstTables, "PostgreSQL → SQLite")
    }

    func testRestoringIntoADatabaseWithDataIsRefusedAndChangesNothing() async throws {
        try await withApp { app, fixtures in
            let archive = try await BackupArchive.write(from: app.db)
            let units = try await Probe.count(app, "units"), users = try await Probe.count(app, "users")
            do {
                _ = try await BackupArchive.restore(archive, into: app.db)
                XCTFail("restore into a database with data must be refused")
            } catch let problem as BackupArchive.Problem {
                XCTAssertEqual(problem.description, "目标数据库不是空的（表 units 已有数据），只能恢复到空数据库")
            }
            Check.equal(try await Probe.count(app, "units"), units)
            Check.equal(try await Probe.count(app, "users"), users)
        }
        try await withEmptyApp(TestDatabase.engine) { app in
            do {
                _ = try await BackupArchive.restore(Data("not a zip".utf8), into: app.db)
                XCTFail("garbage must be refused")
            } catch let problem as BackupArchive.Problem {
                XCTAssertEqual(problem.description, "备份文件无效：不是 zip 文件")
            }
            Check.equal(try await Probe.count(app, "units"), 0)
        }
    }

    func testBackupSchemaCoversEveryTableAndColumnOfTheMigratedSQLiteDatabase() async throws {
        try await withEmptyApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_fluent_migrations'")
                .all().map { try $0.decode(column: "name", as: String.self) }
            var live: [String: [String: String]] = [:]
            for table in tables {
                let columns = try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all()
                live[table] = Dictionary(uniqueKeysWithValues: try columns.map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "type", as: String.self).uppercased()) })
            }
            Self.assertCovered(live, typeOK: { type, declared in
                switch type {
                case .int, .bool: return declared.contains("INT")
                case .text: return declared == "TEXT"
                case .datetime: return ["REAL", "TEXT", "DATETIME", "TIMESTAMP"].contains(declared)
                case .blob: return declared == "BLOB"
                case .double: return ["REAL", "DOUBLE"].contains(declared)
                }
            })
        }
    }

    func testBackupSchemaCoversEveryTableAndColumnOfTheMigratedPostgreSQLDatabase() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withEmptyApp(.postgres) { app in
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("""
                SELECT c.table_name AS t, c.column_name AS c, c.data_type AS d FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> '_fluent_migrations'
                """).all()
            var live: [String: [String: String]] = [:]
            for row in rows {
                live[try row.decode(column: "t", as: String.self), default: [:]][try row.decode(column: "c", as: String.self)] = try row.decode(column: "d", as: String.self)
            }
            Self.assertCovered(live, typeOK: { type, declared in
                switch type {
                case .int: return ["bigint", "integer", "smallint"].contains(declared)
                case .bool: return declared == "boolean"
                case .text: return ["text", "character varying"].contains(declared)
                case .datetime: return declared.hasPrefix("timestamp")
                case .blob: return declared == "bytea"
                case .double: return declared == "double precision"
                }
            })
        }
    }

    // MARK: - Helpers

    /// Every migrated table is in `BackupSchema.tables` with exactly its columns, of a fitting type.
    static func assertCovered(_ live: [String: [String: String]], typeOK: (BackupSchema.ColumnType, String) -> Bool,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(live.keys).subtracting(BackupSchema.derived), Set(BackupSchema.tables.map(\.name)), "tables the backup would miss or invent",
                       file: file, line: line)
        for table in BackupSchema.tables {
            guard let columns = live[table.name] else { continue }
            XCTAssertEqual(Set(columns.keys), Set(table.columns.map(\.name)), "columns of \(table.name)", file: file, line: line)
            for column in table.columns {
                guard let declared = columns[column.name] else { continue }
                XCTAssertTrue(typeOK(column.type, declared), "\(table.name).\(column.name): backup type \(column.type) vs column type \(declared)", file: file, line: line)
            }
        }
    }

    struct Contents {
        var manifest: BackupArchive.Manifest
        var tables: [String: [[JSONValue]]]
    }

    /// The manifest and every table's decoded JSON lines of an archive.
    static func contents(_ data: Data) throws -> Contents {
        let archive = try Archive(data: data, accessMode: .read)
        func read(_ path: String) throws -> Data {
            let entry = try XCTUnwrap(archive[path], "archive lacks \(path)")
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return out
        }
        let manifest = try JSONDecoder().decode(BackupArchive.Manifest.self, from: try read("manifest.json"))
        var tables: [String: [[JSONValue]]] = [:]
        for info in manifest.tables {
            tables[info.name] = try read("tables/\(info.name).jsonl").split(separator: 0x0A).map { try JSONDecoder().decode([JSONValue].self, from: Data($0)) }
            XCTAssertEqual(tables[info.name]?.count, info.rows, "manifest row count of \(info.name)")
        }
        return Contents(manifest: manifest, tables: tables)
    }

    static func assertSameContents(_ actual: Contents, _ expected: Contents, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.manifest, expected.manifest, label, file: file, line: line)
        for (name, rows) in expected.tables {
            let other = actual.tables[name] ?? []
            XCTAssertEqual(other.count, rows.count, "\(label): rows of \(name)", file: file, line: line)
            for (index, row) in rows.enumerated() where index < other.count && other[index] != row {
                XCTFail("\(label): \(name) row \(index + 1) differs:\n  \(row)\n  \(other[index])", file: file, line: line)
            }
        }
    }
}
