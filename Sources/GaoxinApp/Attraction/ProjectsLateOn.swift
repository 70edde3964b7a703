import Foundation
import GaoxinDomain
import SQLKit

/// Projects late on a given day (`ProjectLateness`: a planned day passed and that stage not
/// reached by then), read in SQL so a province's tens of thousands of late projects are counted
/// without being loaded: counts per responsible unit from one grouped scan, and the longest
/// overdue few from one short ordered read per stage, merged.
enum ProjectsLateOn {
    struct Item: Sendable {
        let id: Int
        let name: String
        let unitID: Int
        let unitName: String
        let lateness: ProjectLateness.Missed
    }

    static let stages = ProjectStage.allCases.filter { $0.plannedKey != nil }
    static func plannedColumn(_ stage: ProjectStage) -> String { RegisterField.snakeCase(stage.plannedKey!) }
    static func reachedColumn(_ stage: ProjectStage) -> String { RegisterField.snakeCase(stage.reachedKey) }

    /// The stage's planned day passed by `day` and the stage not reached by then.
    static func missed(_ stage: ProjectStage, _ day: String) -> SQLQueryString {
        let planned = plannedColumn(stage), reached = reachedColumn(stage)
        return "(p.\(unsafeRaw: planned) < \(bind: day) AND (p.\(unsafeRaw: reached) IS NULL OR p.\(unsafeRaw: reached) > \(bind: day)))"
    }

    static func anyMissed(_ day: String) -> SQLQueryString {
        var condition: SQLQueryString = "("
        for (index, stage) in stages.enumerated() {
            if index > 0 { condition = condition + " OR " }
            condition = condition + missed(stage, day)
        }
        return condition + ")"
    }

    static func base(_ day: String) -> SQLQueryString {
        "FROM projects p WHERE p.active = \(bind: true) AND p.signed_on <= \(bind: day) AND " + anyMissed(day)
    }

    /// Late projects per responsible unit id.
    static func countsByUnit(_ day: String, on sql: any SQLDatabase) async throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for row in try await sql.raw("SELECT p.owning_unit_id AS unit, COUNT(*) AS n " + base(day) + " GROUP BY p.owning_unit_id").all() {
            counts[try row.decode(column: "unit", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// The `limit` projects whose missed planned day is earliest (then by id).
    static func earliest(_ day: String, limit: Int, on sql: any SQLDatabase) async throws -> [Item] {
        // The earliest missed day of a project is the earliest among its stages' missed days, so
        // the first `limit` of each stage's own order hold the first `limit` overall.
        var candidates: Set<Int> = []
        for stage in stages {
            let planned = plannedColumn(stage)
            let rows = try await sql.raw("""
                SELECT p.id FROM projects p WHERE p.active = \(bind: true) AND p.signed_on <= \(bind: day) AND \(missed(stage, day))
                ORDER BY p.\(unsafeRaw: planned), p.id LIMIT \(unsafeRaw: String(limit))
                """).all()
            for row in rows { candidates.insert(try row.decode(column: "id", as: Int.self)) }
        }
        guard !candidates.isEmpty else { return [] }
        let columns = stages.flatMap { ["p.\(plannedColumn($0))", "p.\(reachedColumn($0))"] }.joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT p.id, p.name, p.owning_unit_id, u.name AS unit, \(unsafeRaw: columns)
            FROM projects p JOIN units u ON u.id = p.owning_unit_id WHERE p.id IN (\(binds: Array(candidates)))
            """).all()
        var items: [Item] = []
        for row in rows {
            var planned: [ProjectStage: String] = [:], reached: [ProjectStage: String] = [:]
            for stage in stages {
                if let day = try row.decode(column: plannedColumn(stage), as: String?.self) { planned[stage] = day }
                if let day = try row.decode(column: reachedColumn(stage), as: String?.self) { reached[stage] = day }
            }
            guard let lateness = ProjectLateness.asOf(day, planned: planned, reached: reached) else { continue }
            items.append(Item(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                              unitID: try row.decode(column: "owning_unit_id", as: Int.self), unitName: try row.decode(column: "unit", as: String.self),
                              lateness: lateness))
        }
        return Array(items.sorted { ($0.lateness.plannedOn, $0.id) < ($1.lateness.plannedOn, $1.id) }.prefix(limit))
    }
}
