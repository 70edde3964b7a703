import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin bench import`: the bulk imports a province lives on, timed on the database as it
/// is and rolled back (`SlicedImportRun`'s rehearsal: every check, write, roll-up and audit row
/// done, then undone), each beside its baseline — the same rows put into a bare table of the same
/// shape by multi-row `INSERT`s, nothing checked, indexed or audited — in the same run. Measured,
/// never asserted.
/// - enterprises: `rows` new enterprises with generated names (`ProvinceNames`) and valid credit
///   codes no seed uses (the letter B where the seeder has P), all kept by the top unit;
/// - monthly figures: one new month of the first `rows` enterprises (the month after the latest any
///   enterprise has), revenue only;
/// - zone-indicator values: that month of the first active zone indicator for the same
///   enterprises (skipped when the zone has defined none);
/// - qualifications: a 独角兽企业 recognition granted today for the same enterprises (skipped for a
///   zone that recorded one today already);
/// - leads (a declared register, standing for all of them): `rows` new leads with generated company
///   names, of the team and source of the first lead on record (skipped when there is none).
enum ImportBench {
    struct Result: Sendable {
        let work: String
        let rows: Int
        let seconds: Double
        let baselineSeconds: Double
    }

    /// What was measured, and the imports whose files were refused (each also logged): a refused
    /// part does not lose the others' numbers.
    struct Outcome: Sendable {
        var results: [Result] = []
        var refused: [String] = []
        /// The later merge of the imported enterprises' search postings (`SearchPostingsMerge`),
        /// which an import leaves to a server's sweep or to `gaoxin import` after its commit.
        var merge: MergeTiming?
    }

    /// Postings moved into the main table, how many of them waited before, and the seconds it took.
    struct MergeTiming: Sendable {
        let postings: Int
        let waitingBefore: Int
        let seconds: Double
    }

    /// The imports the bench can time (`--only`).
    enum Part: String, CaseIterable, Sendable {
        case enterprises, figures, indicators, qualifications, leads
    }

    static func run(rows: Int, actor: Actor, sliceRows: Int, parts: Set<Part> = Set(Part.allCases), on app: Application,
                    log: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bench = Run(app: app, actor: actor, sliceRows: sliceRows, directory: directory, log: log)
        if parts.contains(.enterprises) { try await bench.enterprises(rows) }
        let codes = try await bench.enterpriseCodes(rows)
        if codes.isEmpty {
            if !parts.isDisjoint(with: [.figures, .indicators, .qualifications]) { log("月度指标、自定义指标、企业资质：数据库中没有企业，跳过") }
        } else {
            let month = try await bench.nextMonth()
            if parts.contains(.figures) { try await bench.figures(codes, month: month) }
            if parts.contains(.indicators) { try await bench.indicatorValues(codes, month: month) }
            if parts.contains(.qualifications) { try await bench.qualifications(codes) }
        }
        if parts.contains(.leads) { try await bench.leads(rows) }
        return bench.outcome
    }

    /// One bench's files, timings and log; a part a method.
    private final class Run: @unchecked Sendable {
        let app: Application
        let sql: any SQLDatabase
        let actor: Actor
        let sliceRows: Int
        let directory: URL
        let log: @Sendable (String) -> Void
        var outcome = Outcome()

        init(app: Application, actor: Actor, sliceRows: Int, directory: URL, log: @escaping @Sendable (String) -> Void) {
            self.app = app
            sql = app.db as! any SQLDatabase
            self.actor = actor
            self.sliceRows = sliceRows
            self.directory = directory
            self.log = log
        }

        /// Writes a part's file, times its import and then the same lines by bare `INSERT`s
        /// (`bareLines`, or the file's own); a refused file is logged and counted.
        func measure(_ work: String, _ register: any SlicedImportRegister, file name: String, heading: [String], lines: [[String]], note: String,
                     bare columns: [String], bareLines: [[String]]? = nil) async throws {
            let file = directory.appendingPathComponent(name)
            try csv(heading, lines).write(to: file)
            log(note)
            do {
                let seconds = try await rehearse(register, file: file, actor: actor, sliceRows: sliceRows, on: app)
                outcome.results.append(Result(work: work, rows: lines.count, seconds: seconds,
                                              baselineSeconds: try await bare(on: app.db, columns: columns, rows: bareLines ?? lines)))
            } catch let refused as Refused {
                log("\(work)：文件被拒绝，未计时（\(refused.message)）")
                outcome.refused.append(work)
            }
        }

        /// `rows` new enterprises, then the merge of their search postings.
        func enterprises(_ rows: Int) async throws {
            let unit = try await topUnit(on: sql)
            let enterprises = (0..<rows).map { serial -> [String] in
                let generated = ProvinceNames.enterprise(serial % ProvinceNames.capacity)
                return [generated.name, code(city: generated.city, serial: serial), generated.industryCode, unit.cell]
            }
            try await measure("企业名录 (enterprises)", EnterpriseRegister(), file: "enterprises.csv", heading: ["企业名称", "统一社会信用代码", "行业代码", "所属单位"],
                              lines: enterprises, note: "企业：\(rows) 行（\(unit.cell)）",
                              bare: ["credit_code TEXT NOT NULL UNIQUE", "name TEXT NOT NULL", "industry_code TEXT NOT NULL", "unit_id BIGINT NOT NULL"],
                              bareLines: enterprises.map { [$0[1], $0[0], $0[2], String(unit.id)] })
            let merge = try await mergeTiming(enterprises.map { $0[0] }, on: app.db)
            outcome.merge = merge
            log("检索索引合并：\(merge.postings) 条，\(String(format: "%.2f", merge.seconds)) 秒（另计，已回滚）")
        }

        /// The credit codes of the first `rows` active enterprises.
        func enterpriseCodes(_ rows: Int) async throws -> [String] {
            try await sql.raw("SELECT credit_code FROM enterprises WHERE active = \(bind: true) ORDER BY id LIMIT \(unsafeRaw: String(rows))").all()
                .map { try $0.decode(column: "credit_code", as: String.self) }
        }

        /// The month after the latest any enterprise has, but never one still to come (a correction of it then).
        func nextMonth() async throws -> Period {
            let latest = try await sql.raw("SELECT MAX(period) AS p FROM enterprise_indicators").first(decodingColumn: "p", as: String?.self) ?? nil
            let current = IndicatorWrites.currentPeriod(app.clock.now())
            return latest.flatMap(Period.init).map { min(Period(year: $0.month == 12 ? $0.year + 1 : $0.year, month: $0.month % 12 + 1)!, current) } ?? current
        }

        /// One month of revenue for the given enterprises.
        func figures(_ codes: [String], month: Period) async throws {
            let revenue = IndicatorWrites.figures.first { $0.isMoney }!
            let figures = codes.enumerated().map { [$0.element, month.description, String(1_000 + $0.offset % 50_000)] }
            try await measure("月度指标 (monthly figures)", IndicatorRegister(), file: "figures.csv", heading: ["统一社会信用代码", "月份", revenue.zh], lines: figures,
                              note: "月度指标：\(figures.count) 行（\(month.description)）", bare: ["credit_code TEXT NOT NULL", "period TEXT NOT NULL", "revenue BIGINT"])
        }

        /// The same month of the first active zone indicator.
        func indicatorValues(_ codes: [String], month: Period) async throws {
            guard let indicator = try await CustomFigureRegister.activeIndicators(on: app.db).first else {
                log("自定义指标：尚未定义启用的自定义指标，跳过")
                return
            }
            let values = codes.enumerated().map { [$0.element, month.description, indicator.code, String($0.offset % 100)] }
            try await measure("企业自定义指标 (zone-indicator values)", CustomFigureRegister(), file: "custom-figures.csv", heading: ["统一社会信用代码", "月份", "指标", "数值"],
                              lines: values, note: "自定义指标：\(values.count) 行（\(indicator.name)，\(month.description)）",
                              bare: ["credit_code TEXT NOT NULL", "period TEXT NOT NULL", "indicator TEXT NOT NULL", "value BIGINT"])
        }

        /// A recognition granted today (skipped for a zone that recorded one today already).
        func qualifications(_ codes: [String]) async throws {
            let today = QualificationWrites.today(app.clock.now())
            let unicorn = Qualification.unicorn
            let grantedToday = try await sql.raw("SELECT COUNT(*) AS n FROM enterprise_qualifications WHERE kind = \(bind: unicorn.rawValue) AND granted_on = \(bind: today)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard grantedToday == 0 else {
                log("企业资质：今天已有认定的\(unicorn.nameZh)，跳过")
                return
            }
            let qualifications = codes.map { [$0, unicorn.nameZh, today, ""] }
            try await measure("企业资质 (qualifications)", QualificationRegister(), file: "qualifications.csv", heading: ["统一社会信用代码", "资质类型", "认定日期", "有效期至"],
                              lines: qualifications, note: "企业资质：\(qualifications.count) 行（\(unicorn.nameZh)，\(today)）",
                              bare: ["credit_code TEXT NOT NULL", "kind TEXT NOT NULL", "granted_on TEXT NOT NULL", "expires_on TEXT"])
        }

        /// `rows` new leads of the first lead's team and source.
        func leads(_ rows: Int) async throws {
            guard let template = try await sql.raw("""
                SELECT u.code AS team, s.name AS source FROM leads l JOIN units u ON u.id = l.owning_unit_id JOIN lead_sources s ON s.id = l.source_id
                WHERE u.code IS NOT NULL AND u.code <> '' ORDER BY l.id LIMIT 1
                """).first() else {
                log("招商线索：数据库中没有线索可作模板，跳过")
                return
            }
            let team = try template.decode(column: "team", as: String.self), source = try template.decode(column: "source", as: String.self)
            let next = DisplayFormat.day(app.clock.now().addingTimeInterval(7 * 86_400))
            let leads = leadCompanies(rows).enumerated().map { serial, company -> [String] in
                [String(format: "XS-BENCH-%07d", serial), company, source, team, String(1_000 * (serial % 500 + 1)), LeadStage.contacting.zh, "安排高管来区考察", next]
            }
            try await measure("招商线索 (leads, a declared register)", RegisterImport(declaration: .leads), file: "leads.csv",
                              heading: ["线索编号", "企业名称", "线索来源", "招商团队", "预计投资（万元）", "阶段", "下一步", "下一步时间"], lines: leads,
                              note: "招商线索：\(leads.count) 行（\(team)，\(source)）",
                              bare: ["code TEXT NOT NULL UNIQUE", "company_name TEXT NOT NULL", "source TEXT NOT NULL", "team TEXT NOT NULL",
                                     "estimated_investment BIGINT", "stage TEXT NOT NULL", "next_step TEXT", "next_step_on TEXT"])
        }
    }

    /// `count` company names no two of which are one company by `CompanyNameKey` (a lead's
    /// duplicate test: a place in front or in brackets and the legal form do not count), from the
    /// far end of the generated names — the seeder's leads take the first 300,000, in the plain
    /// legal form, whose keys those of the last form (…实业有限公司) never equal.
    static func leadCompanies(_ count: Int) -> [String] {
        var keys = Set<String>(), names: [String] = []
        var serial = ProvinceNames.capacity - 1
        while names.count < count, serial >= 0 {
            let name = ProvinceNames.enterprise(serial).name
            if keys.insert(CompanyNameKey.of(name)).inserted { names.append(name) }
            serial -= 1
        }
        return names
    }

    static func markdown(_ results: [Result], merge: MergeTiming? = nil, engine: String, enterprises: Int) -> String {
        var out = ["", "Imports on \(engine) (\(enterprises) enterprises in the database), rolled back; the baseline is the same rows by bare multi-row INSERTs:", "",
                   "| import | rows | seconds | rows/s | bare INSERT s | bare rows/s | import ÷ bare |", "|---|---:|---:|---:|---:|---:|---:|"]
        for result in results {
            out.append(String(format: "| %@ | %d | %.2f | %.0f | %.2f | %.0f | %.1f× |", result.work, result.rows, result.seconds,
                              Double(result.rows) / result.seconds, result.baselineSeconds, Double(result.rows) / result.baselineSeconds,
                              result.seconds / result.baselineSeconds))
        }
        if let merge, let imported = results.first(where: { $0.work.hasPrefix("企业名录") }) {
            out += ["", String(format: "Merging the enterprises' search postings afterwards (a server's sweep or `gaoxin import` does it, outside the import): "
                               + "%d postings (%d waiting before) in %.2f s; import and merge together %.0f rows/s.",
                               merge.postings, merge.waitingBefore, merge.seconds, Double(imported.rows) / (imported.seconds + merge.seconds))]
        }
        return out.joined(separator: "\n")
    }

    /// The merge of `names`' search postings timed: filed in the recent postings as an import files
    /// them (under ids no record has), then every recent posting moved into the main table as a
    /// merge moves them, and all of it rolled back.
    static func mergeTiming(_ names: [String], on db: any Database) async throws -> MergeTiming {
        struct RolledBack: Error {}
        var timing = MergeTiming(postings: 0, waitingBefore: 0, seconds: 0)
        do {
            try await SQLiteConnectionSetup.bulkTransaction(on: db) { tx in
                let sql = tx as! any SQLDatabase
                let waiting = try await SearchPostingsMerge.waiting(upTo: .max, on: sql)
                let top = try await sql.raw("SELECT MAX(record_id) AS m FROM search_filings").first(decodingColumn: "m", as: Int?.self) ?? nil
                let first = (top ?? 0) + 1_000_000
                let load = SearchPostingsLoad(sql: sql)
                try await load.beginAppend()
                try await load.add(SearchSource.enterprises.table, names.enumerated().map {
                    SearchIndex.Filed(id: first + $0.offset, sortKey: PinyinSortKey.key(for: $0.element), texts: [$0.element])
                })
                try await load.finishAppend()
                let started = DispatchTime.now().uptimeNanoseconds
                let moved = try await SearchPostingsMerge.moveAll(on: sql)
                timing = MergeTiming(postings: moved - waiting, waitingBefore: waiting, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                throw RolledBack()
            }
        } catch is RolledBack {}
        return timing
    }

    /// A credit code of `city` no seed gives (the seeder's codes have P in that place).
    static func code(city: Int, serial: Int) -> String {
        let first17 = "91" + ProvinceNames.cities[city % ProvinceNames.cities.count].division + "B" + String(format: "%08d", serial)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    /// The top unit, named in a file by its code when it has one.
    private static func topUnit(on sql: any SQLDatabase) async throws -> (id: Int, cell: String) {
        guard let row = try await sql.raw("SELECT id, code, name FROM units WHERE parent_id IS NULL AND active = \(bind: true) ORDER BY id LIMIT 1").first() else {
            throw Abort(.conflict, reason: "数据库中没有单位 (no unit: seed first)")
        }
        let code = try row.decode(column: "code", as: String?.self) ?? ""
        return (try row.decode(column: "id", as: Int.self), code.isEmpty ? try row.decode(column: "name", as: String.self) : code)
    }

    private static func csv(_ heading: [String], _ rows: [[String]]) -> Data {
        var text = heading.joined(separator: ",") + "\n"
        for row in rows { text += row.joined(separator: ",") + "\n" }
        return Data(text.utf8)
    }

    /// A file the import refused: its message and problems.
    struct Refused: Error {
        let message: String
    }

    /// Seconds the import took; a refused file throws `Refused` (the bench's data must import).
    private static func rehearse(_ register: any SlicedImportRegister, file: URL, actor: Actor, sliceRows: Int, on app: Application) async throws -> Double {
        let password = app.password
        let context = ImportContext(db: app.db, actor: actor, address: "gaoxin bench", clock: app.clock,
                                    passwords: { try await password.async.hash($0) }, progress: nil)
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = try await SlicedImportRun.run(register, source: .file(file.path), fileName: file.lastPathComponent, context: context,
                                                    sliceRows: sliceRows, started: started, rehearsal: true)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if case .failed(let message, let result) = outcome { throw Refused(message: "\(message) \(result ?? "")") }
        return seconds
    }

    /// The same rows into a temporary table of that shape, 500 a statement (values bound as
    /// stored, `BulkInsert`), in a transaction rolled back: the engine's own speed for them.
    private static func bare(on db: any Database, columns: [String], rows: [[String]]) async throws -> Double {
        struct RolledBack: Error {}
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw("CREATE TEMPORARY TABLE bench_bare (\(unsafeRaw: columns.joined(separator: ", ")))").run()
                let names = columns.map { String($0.prefix { $0 != " " }) }
                var values: [BulkValue] = []
                values.reserveCapacity(rows.count * columns.count)
                for row in rows {
                    for (value, column) in zip(row, columns) { values.append(column.contains("BIGINT") ? BulkValue(Int(value) ?? 0) : .text(value)) }
                }
                try await BulkInsert(into: "bench_bare", columns: names, rowsPerStatement: 500).run(values, on: sql)
                throw RolledBack()
            }
        } catch is RolledBack {}
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
}
