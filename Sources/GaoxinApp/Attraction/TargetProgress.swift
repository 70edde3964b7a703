import Foundation
import OpenAPIKit30
import GaoxinDomain
import SQLKit
import Vapor

/// 目标指引清单 progress for a year: each target list against the projects its unit's subtree
/// signed that year (by signing day, classes counted cumulatively), the talents it introduced
/// (talent register) and what it reported on the zone's own metrics (`targetMetricGoals`,
/// `targetMetricReports`), with the pace the share of the year gone asks for and a ranking by
/// overall completion — one grouped query for the lists, two for the zone's metrics.
struct TargetProgress: Content, APISchema {
    /// A column of the progress table: a built-in line of the list or a zone-defined metric.
    struct Column: Content, Equatable {
        var key: String
        var label: String
        /// 个, 人, 万元…
        var measure: String
    }

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
        /// One per column, in the columns' order.
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
    var columns: [Column]
    var rows: [Row]

    /// The list's own lines: the investment classes, the signed investment, the talents.
    static let builtIn: [(key: String, column: String, zh: String, measure: String)] =
        InvestmentClass.allCases.map { ($0.rawValue, RegisterField.snakeCase($0.rawValue), $0.zh, "个") }
        + [("signedInvestment", "signed_investment", "签约总投资", "万元"), ("talentsIntroduced", "talents_introduced", "引进人才", "人")]

    /// The key of a zone-defined metric's column.
    static func customKey(_ code: String) -> String { "metric:" + code }

    /// The share of `year` gone by `today` (0 before it starts, 1 once it is over).
    static func elapsed(year: Int, today: String) -> Double {
        guard let day = CalendarDay(today) else { return 1 }
        if day.year > year { return 1 }
        if day.year < year { return 0 }
        let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][day.month - 1] + day.day
        return Double(daysBefore) / 365
    }

    /// `through` (a day) counts only what was signed, introduced or achieved by then — the
    /// bulletin's "as of the month's end", unchanged by anything entered with a later date.
    static func load(year: Int, today: String, through: String? = nil, on sql: any SQLDatabase) async throws -> TargetProgress {
        let from = "\(year)-01-01", to = min(through ?? "\(year)-12-31", "\(year)-12-31")
        let counts = InvestmentClass.allCases.map { "SUM(CASE WHEN p.total_investment >= \($0.thresholdWan) THEN 1 ELSE 0 END) AS a_\(RegisterField.snakeCase($0.rawValue))" }
            .joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT t.id, t.title, t.owning_unit_id, tu.name AS unit_name, t.over100_yi, t.over50_yi, t.over10_yi, t.over1_yi, t.signed_investment, t.talents_introduced,
                   COUNT(p.id) AS projects, \(unsafeRaw: counts), CAST(COALESCE(SUM(p.total_investment), 0) AS BIGINT) AS a_signed_investment,
                   (SELECT COUNT(*) FROM talents tl JOIN units lu ON lu.id = tl.owning_unit_id
                    WHERE tl.active = \(bind: true) AND lu.path LIKE tu.path || '%' AND tl.introduced_on >= \(bind: from) AND tl.introduced_on <= \(bind: to)) AS a_talents_introduced
            FROM attraction_targets t JOIN units tu ON tu.id = t.owning_unit_id
            LEFT JOIN units pu ON pu.path LIKE tu.path || '%'
            LEFT JOIN projects p ON p.owning_unit_id = pu.id AND p.active = \(bind: true)
                 AND p.signed_on >= \(bind: from) AND p.signed_on <= \(bind: to)
            WHERE t.active = \(bind: true) AND t.year = \(bind: year)
            GROUP BY t.id, t.title, t.owning_unit_id, tu.name, tu.path, t.over100_yi, t.over50_yi, t.over10_yi, t.over1_yi, t.signed_investment, t.talents_introduced
            """).all()

        // The zone's metrics with a goal this year are the extra columns; goals by unit, actuals by list.
        let goalRows = try await sql.raw("""
            SELECT g.owning_unit_id, g.goal, m.code, m.name, m.measure FROM target_metric_goals g JOIN target_metrics m ON m.id = g.metric_id
            WHERE g.active = \(bind: true) AND m.active = \(bind: true) AND g.year = \(bind: year)
            """).all()
        var custom: [String: Column] = [:]
        var goals: [String: Int64] = [:]
        for row in goalRows {
            let code = try row.decode(column: "code", as: String.self)
            custom[code] = Column(key: customKey(code), label: try row.decode(column: "name", as: String.self), measure: try row.decode(column: "measure", as: String.self))
            goals["\(try row.decode(column: "owning_unit_id", as: Int.self))/\(code)"] = try row.decode(column: "goal", as: Int64.self)
        }
        var reported: [String: Int64] = [:]
        if !custom.isEmpty {
            let actualRows = try await sql.raw("""
                SELECT t.id AS target_id, m.code, CAST(SUM(r.amount) AS BIGINT) AS actual
                FROM attraction_targets t JOIN units tu ON tu.id = t.owning_unit_id
                JOIN units ru ON ru.path LIKE tu.path || '%'
                JOIN target_metric_reports r ON r.owning_unit_id = ru.id AND r.active = \(bind: true)
                     AND r.achieved_on >= \(bind: from) AND r.achieved_on <= \(bind: to)
                JOIN target_metrics m ON m.id = r.metric_id
                WHERE t.active = \(bind: true) AND t.year = \(bind: year) AND m.code IN (\(binds: Array(custom.keys)))
                GROUP BY t.id, m.code
                """).all()
            for row in actualRows {
                reported["\(try row.decode(column: "target_id", as: Int.self))/\(try row.decode(column: "code", as: String.self))"] = try row.decode(column: "actual", as: Int64.self)
            }
        }
        let customCodes = custom.keys.sorted()
        let columns = builtIn.map { Column(key: $0.key, label: $0.zh, measure: $0.measure) } + customCodes.map { custom[$0]! }

        let elapsed = elapsed(year: year, today: today)
        func metric(_ key: String, target: Int64, actual: Int64) -> Metric {
            Metric(key: key, target: target, actual: actual, rate: target > 0 ? Double(actual) / Double(target) : nil,
                   pace: TargetPace.of(actual: actual, target: target, elapsed: elapsed).rawValue)
        }
        var result = try rows.map { row -> Row in
            let id = try row.decode(column: "id", as: Int.self), unitID = try row.decode(column: "owning_unit_id", as: Int.self)
            let metrics = try builtIn.map { line -> Metric in
                let target = try row.decodeNil(column: line.column) ? 0 : try row.decode(column: line.column, as: Int64.self)
                let actual = try row.decodeNil(column: "a_" + line.column) ? 0 : try row.decode(column: "a_" + line.column, as: Int64.self)
                return metric(line.key, target: target, actual: actual)
            } + customCodes.map { code in
                metric(customKey(code), target: goals["\(unitID)/\(code)"] ?? 0, actual: reported["\(id)/\(code)"] ?? 0)
            }
            // Over-achieving one metric does not make up for another: each counts at most 100 % in the mean.
            let rates = metrics.compactMap(\.rate).map { min($0, 1) }
            let worst = metrics.map(\.pace).contains("red") ? "red" : metrics.map(\.pace).contains("yellow") ? "yellow" : "green"
            return Row(id: id, title: try row.decode(column: "title", as: String.self),
                       unitId: unitID, unitName: try row.decode(column: "unit_name", as: String.self),
                       projects: try row.decode(column: "projects", as: Int.self), metrics: metrics,
                       completion: rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count), pace: worst, rank: 0)
        }
        result.sort { ($0.completion ?? -1, $1.unitName) > ($1.completion ?? -1, $0.unitName) }
        for index in result.indices { result[index].rank = index + 1 }
        return TargetProgress(year: year, elapsed: elapsed, columns: columns, rows: result)
    }

    static let schemaName = "TargetProgress"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "year": .integer, "elapsed": .number(description: "年度已过比例（0–1），用于判断进度"),
            "columns": .array(description: "各项指标：清单内置指标（投资档次、签约总投资、引进人才），及当年设有目标的自定义指标（key 为 metric:指标代码）",
                              items: .object(properties: ["key": .string, "label": .string, "measure": .string])),
            "rows": .array(items: .object(properties: [
                "id": .integer, "title": .string, "unitId": .integer, "unitName": .string, "projects": .integer(description: "本年签约项目数"),
                "metrics": .array(items: .object(properties: [
                    "key": .string(description: "与 columns 的 key 对应"), "target": .integer(format: .int64), "actual": .integer(format: .int64),
                    "rate": .number(required: true, nullable: true), "pace": .string(allowedValues: ["green", "yellow", "red"]),
                ])),
                "completion": .number(required: true, nullable: true, description: "有目标的各项完成率（每项最多计 100%）的平均"),
                "pace": .string(allowedValues: ["green", "yellow", "red"]), "rank": .integer,
            ])),
        ])
    }
}
