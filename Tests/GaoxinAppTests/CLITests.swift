import Foundation
@testable import GaoxinApp
import GaoxinDomain
import GaoxinSheets
import XCTest

/// The command line as an operator uses it, on the current test engine: migrate, seed-demo,
/// create-user, create-token, set-password, backup and restore, run as the real binary.
final class CLITests: XCTestCase {
    static var binary: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/gaoxin")
    }

    struct Run {
        let status: Int32
        let output: String
    }

    func gaoxin(_ arguments: [String], databaseURL: String, environment extra: [String: String] = [:]) throws -> Run {
        try Self.gaoxin(arguments, databaseURL: databaseURL, environment: extra)
    }

    /// Runs the built binary with the test settings; also used by other suites' CLI checks.
    static func gaoxin(_ arguments: [String], databaseURL: String, environment extra: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            XCTFail("build the gaoxin binary first (swift build --build-tests): \(Self.binary.path)")
            return Run(status: -1, output: "")
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["GAOXIN_BCRYPT_COST"] = "4"
        environment["GAOXIN_LOG_LEVEL"] = "warning"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// An empty (unmigrated) database of the current engine.
    func emptyDatabase() async throws -> (String, () async throws -> Void) {
        switch TestDatabase.engine {
        case .sqlite:
            let path = NSTemporaryDirectory() + "gaoxin-cli-\(UUID().uuidString).sqlite"
            // The database and what SQLite and the job beacon keep beside it.
            return ("sqlite://" + path, {
                for suffix in ["", "-wal", "-shm", "-jobs", "-jobs-wal", "-jobs-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres:
            let base = try TestDatabase.requirePostgres()
            let name = "gx_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try await TestDatabase.admin(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            return (TestDatabase.replaceDatabase(base, with: name), {
                try await TestDatabase.admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
        }
    }

    func testOperatorCommandsOnTheCurrentEngine() async throws {
        let (url, cleanup) = try await emptyDatabase()
        let (restoredURL, cleanupRestored) = try await emptyDatabase()
        do {
            try runOperatorCommands(url: url, restoredURL: restoredURL)
        } catch {
            try? await cleanup(); try? await cleanupRestored()
            throw error
        }
        try await cleanup()
        try await cleanupRestored()
    }

    func runOperatorCommands(url: String, restoredURL: String) throws {

        let migrate = try gaoxin(["migrate"], databaseURL: url)
        XCTAssertEqual(migrate.status, 0, migrate.output)

        let seed = try gaoxin(["seed-demo"], databaseURL: url)
        XCTAssertEqual(seed.status, 0, seed.output)
        for username in ["admin", "office", "team", "park", "leader", "auditor"] {
            XCTAssertTrue(seed.output.contains(" \(username) "), "seed-demo should print the \(username) account: \(seed.output)")
        }
        let again = try gaoxin(["seed-demo"], databaseURL: url)
        XCTAssertTrue(again.output.contains("未载入演示数据"), "a second seed must not duplicate data: \(again.output)")

        let weak = try gaoxin(["create-user", "--username", "wangwu", "--name", "王五", "--unit", "ZS-JCDL", "--roles", "unit"],
                              databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "short"])
        XCTAssertNotEqual(weak.status, 0)
        XCTAssertTrue(weak.output.contains("密码至少需要 10 个字符"), weak.output)

        let created = try gaoxin(["create-user", "--username", "wangwu", "--name", "王五", "--unit", "ZS-JCDL", "--roles", "unit"],
                                 databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "Long-Enough-Pass-77"])
        XCTAssertEqual(created.status, 0, created.output)
        XCTAssertTrue(created.output.contains("已创建用户 wangwu"), created.output)

        let token = try gaoxin(["create-token", "--username", "wangwu", "--name", "对接"], databaseURL: url)
        XCTAssertEqual(token.status, 0, token.output)
        XCTAssertTrue(token.output.split(separator: "\n").last?.hasPrefix("gx_") ?? false, token.output)

        let reset = try gaoxin(["set-password", "--username", "wangwu"], databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "Another-Good-Pass-88"])
        XCTAssertEqual(reset.status, 0, reset.output)
        XCTAssertTrue(reset.output.contains("已吊销该用户的 1 个 API 令牌"), "a new password revokes the token made above: \(reset.output)")
        let resetAgain = try gaoxin(["set-password", "--username", "wangwu"], databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "Third-Good-Pass-99"])
        XCTAssertEqual(resetAgain.status, 0, resetAgain.output)
        XCTAssertFalse(resetAgain.output.contains("吊销"), "no token is left to revoke: \(resetAgain.output)")

        try runExchangeCommands(url: url)
        try runRecompute(url: url)

        let archive = NSTemporaryDirectory() + "gaoxin-cli-\(UUID().uuidString).zip"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let backup = try gaoxin(["backup", "--output", archive], databaseURL: url)
        XCTAssertEqual(backup.status, 0, backup.output)

        let restore = try gaoxin(["restore", "--input", archive], databaseURL: restoredURL)
        XCTAssertEqual(restore.status, 0, restore.output)
        XCTAssertTrue(restore.output.contains("users 7"), "six demo users and wangwu are restored: \(restore.output)")

        let refused = try gaoxin(["restore", "--input", archive], databaseURL: restoredURL)
        XCTAssertNotEqual(refused.status, 0, "restoring into a non-empty database must be refused")
        XCTAssertTrue(refused.output.contains("只能恢复到空数据库"), refused.output)
    }

    /// `gaoxin import` and `gaoxin export` on the seeded demo database.
    func runExchangeCommands(url: String) throws {
        let folder = NSTemporaryDirectory() + "gaoxin-cli-exchange-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let exported = try gaoxin(["export", "--register", "enterprises", "--output", folder + "/e.csv"], databaseURL: url)
        XCTAssertEqual(exported.status, 0, exported.output)
        let before = try CSVFormat.read(try Data(contentsOf: URL(fileURLWithPath: folder + "/e.csv")), limits: .default)
        XCTAssertEqual(before.rows.first?.first?.text, "企业名称")
        XCTAssertTrue(exported.output.contains("已导出 \(before.rows.count - 1) 条"), exported.output)

        let good = "企业名称,统一社会信用代码,行业代码,所属单位,规上\n命令行导入测试有限公司,\(Self.creditCode("91320214MA0CL0001")),3973,XW,是\n"
        try Data(good.utf8).write(to: URL(fileURLWithPath: folder + "/good.csv"))
        let bad = "企业名称,统一社会信用代码,行业代码,所属单位\n坏行一,123,3973,XW\n坏行二,\(Self.creditCode("91320214MA0CL0002")),99x,不存在的单位\n"
        try Data(bad.utf8).write(to: URL(fileURLWithPath: folder + "/bad.csv"))

        let refused = try gaoxin(["import", "--register", "enterprises", "--input", folder + "/bad.csv", "--as", "office"], databaseURL: url)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.output.contains("未写入任何数据"), refused.output)
        XCTAssertTrue(refused.output.contains("第 2 行\t统一社会信用代码\t123"), refused.output)
        XCTAssertTrue(refused.output.contains("第 3 行\t行业代码\t99x"), refused.output)
        XCTAssertTrue(refused.output.contains("第 3 行\t所属单位\t不存在的单位"), refused.output)

        // A file-level error is placed in the whole file, as the import page says (issue 9.5).
        try Data("not an xlsx file".utf8).write(to: URL(fileURLWithPath: folder + "/broken.xlsx"))
        let broken = try gaoxin(["import", "--register", "enterprises", "--input", folder + "/broken.xlsx", "--as", "office"], databaseURL: url)
        XCTAssertEqual(broken.status, 1, broken.output)
        XCTAssertTrue(broken.output.contains("整个文件\t"), broken.output)
        XCTAssertFalse(broken.output.contains("第 0 行"), broken.output)

        let nobody = try gaoxin(["import", "--register", "enterprises", "--input", folder + "/good.csv", "--as", "nobody"], databaseURL: url)
        XCTAssertEqual(nobody.status, 2, nobody.output)
        let notAllowed = try gaoxin(["import", "--register", "enterprises", "--input", folder + "/good.csv", "--as", "leader"], databaseURL: url)
        XCTAssertEqual(notAllowed.status, 2, notAllowed.output)
        XCTAssertTrue(notAllowed.output.contains("无权导入企业名录"), notAllowed.output)

        // With a merge threshold of one posting, the new record's postings are merged after the commit.
        let imported = try gaoxin(["import", "--register", "enterprises", "--input", folder + "/good.csv", "--as", "office"], databaseURL: url,
                                  environment: ["GAOXIN_SEARCH_MERGE_POSTINGS": "1"])
        XCTAssertEqual(imported.status, 0, imported.output)
        XCTAssertTrue(imported.output.contains("已导入 1 条企业名录"), imported.output)
        XCTAssertTrue(imported.output.contains("检索索引已合并 \(SearchIndex.grams("命令行导入测试有限公司").count) 条"), imported.output)
        XCTAssertFalse(imported.output.contains("ERROR"), "a successful run prints no error: \(imported.output)")

        let again = try gaoxin(["export", "--register", "enterprises", "--output", folder + "/e.xlsx"], databaseURL: url)
        XCTAssertEqual(again.status, 0, again.output)
        let after = try XCTUnwrap(try XLSXReader.read(try Data(contentsOf: URL(fileURLWithPath: folder + "/e.xlsx"))).first)
        XCTAssertEqual(after.rows.count, before.rows.count + 1, "the imported enterprise is in the next export")
        XCTAssertTrue(after.rows.contains { $0.first?.text == "命令行导入测试有限公司" })

        // A declared register exports in its import's format, and that file imports back.
        let clusters = try gaoxin(["export", "--register", "clusters", "--output", folder + "/c.csv"], databaseURL: url)
        XCTAssertEqual(clusters.status, 0, clusters.output)
        let clusterTable = try CSVFormat.read(try Data(contentsOf: URL(fileURLWithPath: folder + "/c.csv")), limits: .default)
        XCTAssertEqual(clusterTable.rows.first?.first?.text, "集群名称")
        XCTAssertTrue(clusterTable.rows.contains { $0.first?.text == "集成电路" }, "the demo clusters are exported")
        let back = try gaoxin(["import", "--register", "clusters", "--input", folder + "/c.csv", "--as", "office"], databaseURL: url)
        XCTAssertEqual(back.status, 0, back.output)
        let policies = try gaoxin(["export", "--register", "policies", "--output", folder + "/p.xlsx"], databaseURL: url)
        XCTAssertEqual(policies.status, 0, policies.output)
        let policyTable = try XCTUnwrap(try XLSXReader.read(try Data(contentsOf: URL(fileURLWithPath: folder + "/p.xlsx"))).first)
        XCTAssertGreaterThan(policyTable.rows.count, 1, "a programme register exports from the command line too")

        let unknown = try gaoxin(["export", "--register", "secrets", "--output", folder + "/x.csv"], databaseURL: url)
        XCTAssertEqual(unknown.status, 2, unknown.output)

        try runStreamedImport(folder: folder, enterprises: after, url: url)
    }

    /// A figures CSV larger than the upload limit is streamed from disk by `gaoxin import` (issue
    /// 11.3); a bad last row refuses it whole.
    func runStreamedImport(folder: String, enterprises: SheetTable, url: String) throws {
        let heading = try XCTUnwrap(enterprises.rows.first).map(\.text)
        let name = try XCTUnwrap(heading.firstIndex(of: "企业名称")), code = try XCTUnwrap(heading.firstIndex(of: "统一社会信用代码"))
        var lines = ["统一社会信用代码,企业名称,月份,营业收入（万元）,从业人员（人）"]
        var size = 0
        months: for year in 1990...2019 {
            for month in 1...12 {
                for row in enterprises.rows.dropFirst() {
                    let line = "\(row[code].text),\(row[name].text),\(year)-\(month < 10 ? "0" : "")\(month),\(year * 10 + month),\(month)"
                    lines.append(line)
                    size += line.utf8.count + 2
                }
                if size > 1_200_000 { break months }
            }
        }
        XCTAssertGreaterThan(size, 1 << 20, "the file is over the 1 MB upload limit set below")
        let limit = ["GAOXIN_IMPORT_MAX_MB": "1"]
        try ImportDriver.csv(lines + ["\(Self.creditCode("91320214MA0CL0009")),未登记企业,2019-12,1,1"]).write(to: URL(fileURLWithPath: folder + "/bad-figures.csv"))
        let refused = try gaoxin(["import", "--register", "indicators", "--input", folder + "/bad-figures.csv", "--as", "office"], databaseURL: url, environment: limit)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.output.contains("发现 1 处问题，未写入任何数据"), refused.output)
        XCTAssertTrue(refused.output.contains("第 \(lines.count + 1) 行\t统一社会信用代码"), refused.output)

        try ImportDriver.csv(lines).write(to: URL(fileURLWithPath: folder + "/figures.csv"))
        try runKilledImport(folder + "/figures.csv", url: url)
        let imported = try gaoxin(["import", "--register", "indicators", "--input", folder + "/figures.csv", "--as", "office"], databaseURL: url, environment: limit)
        XCTAssertEqual(imported.status, 0, imported.output)
        XCTAssertTrue(imported.output.contains("已导入 \(lines.count - 1) 条企业月度指标"), "every row is new: the refused and the killed runs wrote nothing. \(imported.output)")

        // The same file read whole (the unit register is not streamed) is over the limit.
        let whole = try gaoxin(["import", "--register", "units", "--input", folder + "/figures.csv", "--as", "office"], databaseURL: url, environment: limit)
        XCTAssertEqual(whole.status, 1, whole.output)
        XCTAssertTrue(whole.output.contains(SheetError.tooLarge(limit: 1 << 20).messageZh), whole.output)
    }

    /// `kill -9` in the middle of a streamed import — after two slices were written in its
    /// transaction — leaves nothing of it (issue 11, bad input); the caller's next import of the
    /// same file finds every row new.
    func runKilledImport(_ path: String, url: String) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["import", "--register", "indicators", "--input", path, "--as", "office"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment["GAOXIN_LOG_LEVEL"] = "warning"
        environment["GAOXIN_IMPORT_SLICE_ROWS"] = "500"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = ""
        while output.components(separatedBy: "导入中").count - 1 < 2 {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed in the middle, not finished: \(output)")
        XCTAssertTrue(output.contains("导入中：已读"), "it printed each slice's progress: \(output)")
    }

    /// `gaoxin recompute` makes the roll-ups, the search postings, or (by default) both again.
    func runRecompute(url: String) throws {
        let rollups = try gaoxin(["recompute", "--only", "rollups"], databaseURL: url)
        XCTAssertEqual(rollups.status, 0, rollups.output)
        XCTAssertTrue(rollups.output.contains("月度指标汇总"), rollups.output)
        XCTAssertFalse(rollups.output.contains("搜索索引："), "--only rollups leaves the postings: \(rollups.output)")
        XCTAssertTrue(rollups.output.contains("recomputed: rollups)"), rollups.output)

        let search = try gaoxin(["recompute", "--only", "search"], databaseURL: url)
        XCTAssertEqual(search.status, 0, search.output)
        XCTAssertTrue(search.output.contains("搜索索引："), search.output)
        XCTAssertFalse(search.output.contains("月度指标汇总"), "--only search leaves the roll-ups: \(search.output)")

        let both = try gaoxin(["recompute"], databaseURL: url)
        XCTAssertEqual(both.status, 0, both.output)
        XCTAssertTrue(both.output.contains("月度指标汇总") && both.output.contains("搜索索引："), both.output)
        XCTAssertTrue(both.output.contains("recomputed: rollups, search)"), both.output)

        let wrong = try gaoxin(["recompute", "--only", "everything"], databaseURL: url)
        XCTAssertEqual(wrong.status, 2, wrong.output)
        XCTAssertTrue(wrong.output.contains("--only 只能是 rollups 或 search"), wrong.output)

    }

    static func creditCode(_ first17: String) -> String {
        first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    func testBadConfigurationNamesTheVariable() throws {
        let run = try gaoxin(["migrate"], databaseURL: "mysql://nope", environment: ["GAOXIN_PORT": "99999"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("GAOXIN_PORT"), run.output)
        XCTAssertTrue(run.output.contains("DATABASE_URL"), run.output)
    }
}

import SQLKit
