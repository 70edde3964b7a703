import Fluent
import GaoxinDomain
import GaoxinSheets
import Foundation
import SQLKit
import Vapor

/// A column of an import/export register: its Chinese heading (what the template shows), the
/// English heading also accepted, and an example value for the template's second row.
struct RegisterColumn: Sendable {
    let key: String
    let zh: String
    let en: String
    let required: Bool
    let example: String
    let note: String
    /// The note in English where it is not one of `commonNotesEn`.
    var noteEn: String? = nil
    /// Headings older templates gave the column (类别 before 集群类别): their files still import.
    var aliases: [String] = []

    func note(_ lang: UILanguage) -> String {
        lang == .zh ? note : (noteEn ?? Self.commonNotesEn[note] ?? note)
    }

    static let commonNotesEn: [String: String] = [
        "整数": "A whole number", "单位编码或名称": "Unit code or name", "须为已登记企业": "A registered enterprise",
        "仅供核对，不导入": "For checking only; not imported", "不超过 100 字": "At most 100 characters",
        "不超过 200 字": "At most 200 characters", "须为该集群已有产业链": "An existing chain of that cluster",
        "须为已有集群": "An existing cluster", "至少 10 个字符": "At least 10 characters", "是/否": "是 (yes) / 否 (no)",
        "整数，单位万元": "A whole number, in 10,000 yuan", "已有名称将更新该集群": "An existing name updates that cluster",
        "字母、数字、- _ .，全局唯一": "Letters, digits, - _ . ; unique", "同一产业链中已有环节或本文件前面的行": "An existing node of the same chain, or an earlier row of this file",
        "优势产业/战略性新兴产业/未来产业": "advantage / emerging / future (or the Chinese names)",
        "上级单位的编码或名称；可引用本文件中前面的行": "The parent unit's code or name; may refer to an earlier row of this file",
        "上游/中游/下游；有上级环节时随上级": "upstream / midstream / downstream; a child node follows its parent",
        "YYYY-MM-DD；长期有效留空": "YYYY-MM-DD; empty when it does not expire", "YYYY-MM-DD": "YYYY-MM-DD", "YYYY-MM": "YYYY-MM",
        "GB/T 4754，多个用逗号分隔": "GB/T 4754 codes, separated by commas", "GB/T 4754-2017，2–4 位数字": "GB/T 4754-2017, 2–4 digits",
        "3–50 位小写字母、数字或 . _ -": "3–50 lower-case letters, digits or . _ -",
        "18 位，末位校验位；已登记的代码将更新该企业": "18 characters with a check character; a registered code updates that enterprise",
    ]
}

/// One row of an uploaded file, by column key, with the row number the user sees (header = 1).
/// The cells are an array under the file's column keys, which all rows share: a dictionary per
/// row cost 580 bytes of a figures row's 1.3 KB (a 600,000-row file held 958 MB before writing).
struct ImportRow: Sendable {
    let number: Int
    private let columns: ImportColumns
    /// Each cell trimmed of surrounding whitespace once, here (checks read a cell several times).
    private let cells: [String]

    init(number: Int, values: [String: String]) {
        let keys = values.keys.sorted()
        self.init(number: number, columns: ImportColumns(keys), cells: keys.map { values[$0]! })
    }

    /// A row of a file whose columns are `columns` (every row of the file has each, empty where short).
    init(number: Int, columns: ImportColumns, cells: [String]) {
        precondition(cells.count == columns.keys.count, "a row has a cell for each of the file's columns")
        self.number = number
        self.columns = columns
        self.cells = cells.map { $0.trimming(.whitespacesAndNewlines) }
    }

    func value(_ key: String) -> String { columns.position[key].map { cells[$0] } ?? "" }

    /// Every cell by its column key.
    var values: [String: String] { Dictionary(uniqueKeysWithValues: zip(columns.keys, cells)) }

    /// Whether the file has this column at all (an absent optional column leaves stored values alone).
    func has(_ key: String) -> Bool { columns.position[key] != nil }
}

/// The column keys of a file, in the order its rows' cells are kept; one instance for all rows.
final class ImportColumns: Sendable {
    let keys: [String]
    let position: [String: Int]

    init(_ keys: [String]) {
        self.keys = keys
        position = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A register that can be imported: checks every row, then writes all of them in one
/// transaction or nothing.
protocol ImportRegister: Sendable {
    var key: String { get }
    var titleZh: String { get }
    var titleEn: String { get }
    var columns: [RegisterColumn] { get }
    var policy: ResourcePolicy { get }
    /// Headings the register's list export adds that an import skips (derived or shown-only values).
    var exportOnlyHeadings: Set<String> { get }
    /// Whether the register gives its stored data in its import format (`currentData`), for
    /// data people correct in a spreadsheet and import back; decides whether the route exists.
    var exportsCurrentData: Bool { get }
    /// The stored data as rows under the template's columns (no header).
    func currentData(period: String?, limit: Int, on db: Database) async throws -> [[SheetCell]]

    /// Returns every problem; an empty list means `write` may run.
    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError]
    /// Slow work on valid rows done before the transaction opens (e.g. hashing passwords), so the
    /// transaction holds its locks only for the writes. Returns the rows `write` receives.
    func prepare(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRow]
    /// Writes all rows inside `tx` (the caller's transaction), auditing each record.
    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int
}

extension ImportRegister {
    var exportOnlyHeadings: Set<String> { [] }

    func currentData(period: String?, limit: Int, on db: Database) async throws -> [[SheetCell]] { [] }
    var exportsCurrentData: Bool { false }

    func prepare(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRow] { rows }
}

/// What an import runs with, detached from the request that started it.
struct ImportContext: Sendable {
    let db: Database
    let actor: Actor
    let address: String
    let clock: AppClock
    let passwords: @Sendable (String) async throws -> String
    let progress: JobRunner.Progress?
    /// What `validate` worked out, for `write` to reuse when nothing it rests on has changed.
    var carried = ImportCarry()
    /// Told of each streamed slice (phase, bytes read, file size) — the command line prints it.
    /// Unlike `progress` it writes nothing to the database, so it is heard inside the transaction.
    var announce: (@Sendable (_ phase: String, _ done: Int, _ total: Int) async -> Void)? = nil

    func report(_ phase: String, _ done: Int, _ total: Int) async {
        try? await progress?.report(phase: phase, progress: done, total: total)
    }

    /// The context for a streamed slice's writer: the import reports its progress by the file's
    /// bytes, so the slice's own counts are not reported.
    var withoutProgress: ImportContext {
        ImportContext(db: db, actor: actor, address: address, clock: clock, passwords: passwords, progress: nil, carried: carried, announce: announce)
    }

    /// The context for work inside a transaction. SQLite has one write lock, which the
    /// transaction holds: a progress write to the job row from another connection would wait for
    /// it until the busy timeout, so there progress is reported only to the job's beacon
    /// (`JobBeacon`), a database file of its own, and not at all without one.
    func forTransaction(on tx: Database) -> ImportContext {
        let single = (tx as? any SQLDatabase)?.dialect.name == "sqlite"
        let reported = single && !(progress?.reportsBesideTheDatabase ?? false) ? nil : progress
        return ImportContext(db: db, actor: actor, address: address, clock: clock, passwords: passwords, progress: reported,
                             carried: carried, announce: announce)
    }
}

/// A register's checked plan, handed from `validate` (before the transaction) to `write` (inside
/// it), so the rows are not checked twice; `write` takes it only after confirming, in one batched
/// pass, that what the plan rests on is as it was. Taken once.
final class ImportCarry: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (any Sendable)?

    func keep(_ value: any Sendable) { lock.withLock { self.value = value } }

    func take<T>(_ type: T.Type) -> T? {
        lock.withLock {
            defer { value = nil }
            return value as? T
        }
    }
}

enum ImportRegisters {
    static let all: [any ImportRegister] = [UnitTreeImport(), RegisterImport(declaration: .users), EnterpriseRegister(), IndicatorRegister(), QualificationRegister(), RegisterImport(declaration: .clusters), ChainNodeRegister(), ClusterFigureRegister(), CustomFigureRegister()]
        + Registers.all.map(RegisterImport.init)

    static func find(_ key: String) -> (any ImportRegister)? { all.first { $0.key == key } }
}
