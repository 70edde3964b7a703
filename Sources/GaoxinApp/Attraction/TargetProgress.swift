import Foundation
import OpenAPIKit30
import GaoxinDomain
import SQLKit
import Vapor

/// 目标指引清单 progress for a year: each target list against the projects its unit's subtree
/// signed that year (by signing day), classes counted cumulatively, with the pace the share of the
/// year gone asks for and a ranking by overall completion — one query for all the year's lists.
struct TargetProgress: Content, APISchema {
    struct Metric: Content, Equatable {
        var key: String
        var target: Int64
        var actual: Int64
        /// actual ÷ target, nil without a target.
        var rate: Double?
        var pace: String

        enum CodingKeys: String, CodingKey { case key, target, actual, rate, pace }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(target, forKey: .target)
            try container.encode(actual, forKey: .actual)
            try container.encode(rate, forKey: .rate)  // null without a target
            try container.encode(pace, forKey: .pace)
        }
    }

    struct Row: Content, Equatable {
        var id: Int
        var title: String
        var unitId: Int
        var unitName: String
        var projects: Int
        var metrics: [Metric]
        /// The mean completion over the metrics with a target, each counted at most 100 %.
        var completion: Double?
        var pace: String
        var rank: Int

        enum CodingKeys: String, CodingKey { case id, title, unitId, unitName, projects, metrics, completion, pace, rank }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(unitId, forKey: .unitId)
            try container.encode(unitName, forKey: .unitName)
            try container.encode(projects, forKey: .projects)
            try container.encode(metrics, forKey: .metrics)
            try container.encode(completion, forKey: .completion)  // null without any target
            try container.encode(pace, forKey: .pace)
            try container.encode(rank, forKey: .rank)
        }
    }

    var year: Int
    var elapsed: Double
    var rows: [Row]

    static let metricKeys: [(key: String, column: String, zh: String)] =
        InvestmentClass.allCases.map { ($0.rawValue, RegisterField.snakeCase($0.rawValue), $0.zh) } + [("signedInvestment", "signed_investment", "签约总投资（万元）")]

    /// The share of `year` gone by `today` (0 before it starts, 1 once it is over).
    static func elapsed(year: Int, today: String) -> Double {
        guard let day = CalendarDay(today) else { return 1 }
        if day.year > year { return 1 }
        if day.year < year { return 0 }
        let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][day.month - 1] + day.day
        return Double(daysBefore) / 365
    }

    static func load(year: Int, today: String, on sql: any SQLDatabase) async throws -> TargetProgress {
        let counts = InvestmentClass.allCases.map { "SUM(CASE WHEN p.total_investment >= \($0.thresholdWan) THEN 1 ELSE 0 END) AS a_\(RegisterField.snakeCase($0.rawValue))" }
            .joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT t.id, t.title, t.owning_unit_id, tu.name AS unit_name, t.over100_yi, t.over50_yi, t.over10_yi, t.over1_yi, t.signed_investment,
                   COUNT(p.id) AS projects, \(unsafeRaw: counts), CAST(COALESCE(SUM(p.total_investment), 0) AS BIGINT) AS a_signed_investment
            FROM attraction_targets t JOIN units tu ON tu.id = t.owning_unit_id
            LEFT JOIN units pu ON pu.path LIKE tu.path || '%'
            LEFT JOIN projects p ON p.owning_unit_id = pu.id AND p.active = \(bind: true)
                 AND p.signed_on >= \(bind: "\(year)-01-01") AND p.signed_on <= \(bind: "\(year)-12-31")
            WHERE t.active = \(bind: true) AND t.year = \(bind: year)
            GROUP BY t.id, t.title, t.owning_unit_id, tu.name, t.over100_yi, t.over50_yi, t.over10_yi, t.over1_yi, t.signed_investment
            """).all()
        let elapsed = elapsed(year: year, today: today)
        var result = try rows.map { row -> Row in
            let metrics = try metricKeys.map { metric -> Metric in
                let target = try row.decodeNil(column: metric.column) ? 0 : try row.decode(column: metric.column, as: Int64.self)
                let actual = try row.decodeNil(column: "a_" + metric.column) ? 0 : try row.decode(column: "a_" + metric.column, as: Int64.self)
                return Metric(key: metric.key, target: target, actual: actual, rate: target > 0 ? Double(actual) / Double(target) : nil,
                              pace: TargetPace.of(actual: actual, target: target, elapsed: elapsed).rawValue)
            }
            // Over-achieving one metric does not make up for another: each counts at most 100 % in the mean.
            let rates = metrics.compactMap(\.rate).map { min($0, 1) }
            let worst = metrics.map(\.pace).contains("red") ? "red" : metrics.map(\.pace).contains("yellow") ? "yellow" : "green"
            return Row(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                       unitId: try row.decode(column: "owning_unit_id", as: Int.self), unitName: try row.decode(column: "unit_name", as: String.self),
                       projects: try row.decode(column: "projects", as: Int.self), metrics: metrics,
                       completion: rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count), pace: worst, rank: 0)
        }
        result.sort { ($0.completion ?? -1, $1.unitName) > ($1.completion ?? -1, $0.unitName) }
        for index in result.indices { result[index].rank = index + 1 }
        return TargetProgress(year: year, elapsed: elapsed, rows: result)
    }

    static let schemaName = "TargetProgress"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "year": .integer, "elapsed": .number(description: "年度已过比例（0–1），用于判断进度"),
            "rows": .array(items: .object(properties: [
                "id": .integer, "title": .string, "unitId": .integer, "unitName": .string, "projects": .integer(description: "本年签约项目数"),
                "metrics": .array(items: .object(properties: [
                    "key": .string(allowedValues: metricKeys.map { AnyCodable($0.key) }), "target": .integer(format: .int64), "actual": .integer(format: .int64),
                    "rate": .number(required: true, nullable: true), "pace": .string(allowedValues: ["green", "yellow", "red"]),
                ])),
                "completion": .number(required: true, nullable: true, description: "有目标的各项完成率（每项最多计 100%）的平均"),
                "pace": .string(allowedValues: ["green", "yellow", "red"]), "rank": .integer,
            ])),
        ])
    }
}
