import Fluent
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
}

/// One row of an uploaded file, by column key, with the row number the user sees (header = 1).
struct ImportRow: Sendable {
    let number: Int
    let values: [String: String]

    func value(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Whether the file has this column at all (an absent optional column leaves stored values alone).
    func has(_ key: String) -> Bool { values[key] != nil }
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

    func report(_ phase: String, _ done: Int, _ total: Int) async {
        try? await progress?.report(phase: phase, progress: done, total: total)
    }

    /// The context for work inside a transaction. SQLite has a single connection, which the
    /// transaction holds: a progress write from outside it would wait for that connection until
    /// it timed out, so there progress is not reported while writing.
    func forTransaction(on tx: Database) -> ImportContext {
        let single = (tx as? any SQLDatabase)?.dialect.name == "sqlite"
        return ImportContext(db: db, actor: actor, address: address, clock: clock, passwords: passwords, progress: single ? nil : progress)
    }
}

enum ImportRegisters {
    static let all: [any ImportRegister] = [UnitRegister(), UserRegister(), EnterpriseRegister(), IndicatorRegister(), QualificationRegister(), ClusterRegister(), ChainNodeRegister()]

    static func find(_ key: String) -> (any ImportRegister)? { all.first { $0.key == key } }
}
