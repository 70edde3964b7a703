import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// 考核 (SPEC §2.5, issue 14): each assessed unit's score for a year — every item's formula
/// (`assessmentItems`, data) evaluated over the unit's metrics (`AssessmentMetric`) as of the
/// year's end, or today while the year runs; points per item, a total, a ranking. Computed on
/// every view until the year's December is closed: the close stores the result (`frozen`), and
/// reopening December drops it.
struct Assessment: Codable, Equatable, Sendable {
    struct Item: Codable, Equatable, Sendable {
        var code: String
        var name: String
        var formula: String
    }

    struct Row: Codable, Equatable, Sendable {
        var rank: Int
        var unitId: Int
        var unitName: String
        /// Points per item, in the items' order, rounded to two decimals.
        var points: [Double]
        var total: Double
        /// The metrics' values, in `AssessmentMetric.allCases` order.
        var values: [Double]
    }

    var year: Int
    /// The day the metrics are taken at.
    var asOf: String
    var frozen: Bool
    var frozenAt: Date?
    var items: [Item]
    var metrics: [String]
    var rows: [Row]

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// The year's result: the frozen one once December is closed, else computed now.
    static func load(year: Int, today: String, on db: Database) async throws -> Assessment {
        if let frozen = try await AssessmentResult.query(on: db).filter(\.$year == year).first() {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            var result = try decoder.decode(Assessment.self, from: Data(frozen.contentJSON.utf8))
            result.frozen = true
            result.frozenAt = frozen.frozenAt
            return result
        }
        return try await compute(year: year, today: today, on: db)
    }

    static func compute(year: Int, today: String, on db: Database) async throws -> Assessment {
        let sql = db as! any SQLDatabase
        let asOf = min(today, "\(year)-12-31")
        let items = try await sql.raw("""
            SELECT code, name, formula FROM assessment_items WHERE active = \(bind: true) AND year = \(bind: year) ORDER BY code
            """).all().map { row in
            Item(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                 formula: try row.decode(column: "formula", as: String.self))
        }
        // Stored formulas passed the register's rule; one that no longer parses scores nothing.
        let formulas = items.map { try? AssessmentFormula.parse($0.formula, metrics: AssessmentMetric.names) }
        let units = try await AssessmentMetrics.load(year: year, asOf: asOf, on: sql)
        var rows = units.map { unit -> Row in
            let points = formulas.map { round($0?.evaluate(unit.values) ?? 0) }
            return Row(rank: 0, unitId: unit.id, unitName: unit.name, points: points, total: round(points.reduce(0, +)),
                       values: AssessmentMetric.allCases.map { round(unit.values[$0.rawValue] ?? 0) })
        }
        rows.sort { ($0.total, $1.unitName) > ($1.total, $0.unitName) }
        for index in rows.indices { rows[index].rank = index + 1 }
        return Assessment(year: year, asOf: asOf, frozen: false, frozenAt: nil, items: items,
                          metrics: AssessmentMetric.allCases.map(\.rawValue), rows: rows)
    }

    /// December's close freezes the year: the result computed as of the year's end (before the
    /// close's transaction), stored inside it by `store`.
    static func frozen(year: Int, today: String, by: String, at: Date, on db: Database) async throws -> AssessmentResult {
        var result = try await compute(year: year, today: today, on: db)
        result.frozen = true
        result.frozenAt = at
        let row = AssessmentResult()
        row.year = year
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        row.contentJSON = String(decoding: try encoder.encode(result), as: UTF8.self)
        row.frozenAt = at
        row.userName = by
        return row
    }

    static func store(_ row: AssessmentResult, on tx: Database) async throws {
        try await AssessmentResult.query(on: tx).filter(\.$year == row.year).delete()
        try await row.create(on: tx)
    }

    static func unfreeze(year: Int, on tx: Database) async throws {
        try await AssessmentResult.query(on: tx).filter(\.$year == year).delete()
    }
}

final class AssessmentResult: Model, @unchecked Sendable {
    static let schema = "assessment_results"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "year") var year: Int
    @Field(key: "content_json") var contentJSON: String
    @Field(key: "frozen_at") var frozenAt: Date
    @Field(key: "user_name") var userName: String
    init() {}
}
