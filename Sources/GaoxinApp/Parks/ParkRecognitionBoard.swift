import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// 认定与动态管理: every active park scored for a year against the standard for its kind in force
/// that year (the latest whose 生效年度 is not after it), from its statistics of that year, with the
/// year before beside it. A park is flagged when it fails (below the pass mark or a 必备 criterion
/// unmet), when it fails two years running, or when it has no statistics. Four queries whatever
/// the number of parks; the scoring is `ParkRecognition`.
struct ParkRecognitionBoard: Content, Sendable {
    struct Row: Content, Sendable {
        let parkId: Int
        let parkName: String
        let kind: String
        let kindName: String
        let level: String
        let standardId: Int?
        let standardName: String?
        /// The statistic row's review state (`submitted`, `reviewed`, `returned`), nil without one.
        let reviewStatus: String?
        let result: ParkRecognition.Result?
        let previous: ParkRecognition.Result?
        let flag: Flag?
    }

    enum Flag: String, Content, Sendable {
        case failed, failedTwice, noStatistics, noStandard

        var nameZh: String {
            switch self {
            case .failed: return "未达标"
            case .failedTwice: return "连续两年未达标"
            case .noStatistics: return "未报送统计"
            case .noStandard: return "无适用标准"
            }
        }

        var nameEn: String {
            switch self {
            case .failed: return "Below standard"
            case .failedTwice: return "Below standard two years running"
            case .noStatistics: return "No statistics"
            case .noStandard: return "No standard"
            }
        }
    }

    let year: Int
    let rows: [Row]

    struct Standard {
        let id: Int
        let name: String
        let kind: String
        let passMark: Double
        let effectiveYear: Int
        var criteria: [ParkRecognition.Criterion] = []
    }

    static func load(year: Int, parkID: Int? = nil, on sql: any SQLDatabase) async throws -> ParkRecognitionBoard {
        let standards = try await loadStandards(on: sql)
        let statistics = try await loadStatistics(years: [year - 1, year], parkID: parkID, on: sql)
        var parkQuery: SQLQueryString = "SELECT id, name, kind, level FROM parks WHERE active = \(bind: true)"
        if let parkID { parkQuery.appendInterpolation(SQLQueryString(" AND id = \(bind: parkID)")) }
        parkQuery.appendLiteral(" ORDER BY name_sort, id")
        let kinds = RegisterDeclaration.parks.choices("kind")
        var rows: [Row] = []
        for park in try await sql.raw(parkQuery).all() {
            let id = try park.decode(column: "id", as: Int.self)
            let kind = try park.decode(column: "kind", as: String.self)
            func evaluate(_ year: Int) -> (Standard?, ParkRecognition.Result?, String?) {
                let standard = standards.filter { $0.kind == kind && $0.effectiveYear <= year }.max { ($0.effectiveYear, -$0.id) < ($1.effectiveYear, -$1.id) }
                guard let stats = statistics[id]?[year] else { return (standard, nil, nil) }
                guard let standard else { return (nil, nil, stats.status) }
                return (standard, ParkRecognition.evaluate(standard.criteria, statistics: stats.values, passMark: standard.passMark), stats.status)
            }
            let (standard, result, status) = evaluate(year)
            let (_, previous, _) = evaluate(year - 1)
            let flag: Flag?
            if standard == nil { flag = .noStandard }
            else if result == nil { flag = .noStatistics }
            else if result?.passed == false { flag = previous?.passed == false ? .failedTwice : .failed }
            else { flag = nil }
            rows.append(Row(parkId: id, parkName: try park.decode(column: "name", as: String.self), kind: kind, kindName: kinds[kind]?.zh ?? kind,
                            level: try park.decode(column: "level", as: String.self), standardId: standard?.id, standardName: standard?.name,
                            reviewStatus: status, result: result, previous: previous, flag: flag))
        }
        return ParkRecognitionBoard(year: year, rows: rows)
    }

    static func loadStandards(on sql: any SQLDatabase) async throws -> [Standard] {
        var standards: [Int: Standard] = [:]
        for row in try await sql.raw("SELECT id, name, park_kind, pass_mark, effective_year FROM park_standards WHERE active = \(bind: true)").all() {
            let id = try row.decode(column: "id", as: Int.self)
            standards[id] = Standard(id: id, name: try row.decode(column: "name", as: String.self), kind: try row.decode(column: "park_kind", as: String.self),
                                     passMark: Double(try row.decode(column: "pass_mark", as: Int64.self)),
                                     effectiveYear: Int(try row.decode(column: "effective_year", as: Int64.self)))
        }
        let labels = Dictionary(ParkStatistic.readable.map { ($0.value, $0.zh) }, uniquingKeysWith: { a, _ in a })
        for row in try await sql.raw("""
            SELECT standard_id, name, statistic, threshold, weight, required FROM park_criteria WHERE active = \(bind: true) ORDER BY code, id
            """).all() {
            let standardID = try row.decode(column: "standard_id", as: Int.self)
            let statistic = try row.decode(column: "statistic", as: String.self)
            standards[standardID]?.criteria.append(ParkRecognition.Criterion(
                name: try row.decode(column: "name", as: String.self), statistic: statistic, statisticZh: labels[statistic] ?? statistic,
                threshold: Double(try row.decode(column: "threshold", as: Int64.self)) / 100, weight: Int(try row.decode(column: "weight", as: Int64.self)),
                required: try row.decode(column: "required", as: Bool?.self) ?? false))
        }
        return Array(standards.values)
    }

    /// Park → year → (statistics as a criterion reads them: counts as counts, money in 万元, shares in %; review state).
    static func loadStatistics(years: [Int], parkID: Int?, on sql: any SQLDatabase) async throws -> [Int: [Int: (values: [String: Double], status: String?)]] {
        let keys = ParkStatistic.readable.map(\.value)
        let columns = keys.map { RegisterField.snakeCase($0) }
        var query: SQLQueryString = "SELECT park_id, year, review_status, \(unsafeRaw: columns.joined(separator: ", ")) FROM park_statistics WHERE active = \(bind: true) AND year IN (\(binds: years))"
        if let parkID { query.appendInterpolation(SQLQueryString(" AND park_id = \(bind: parkID)")) }
        var result: [Int: [Int: (values: [String: Double], status: String?)]] = [:]
        let declaration = RegisterDeclaration.parkStatistics
        for row in try await sql.raw(query).all() {
            var values: [String: Double] = [:]
            for (key, column) in zip(keys, columns) {
                guard let stored = try row.decode(column: column, as: Int64?.self) else { continue }
                if case .decimal(let places, _, _)? = declaration.field(key)?.kind {
                    values[key] = ScaledDecimal(scaled: stored, places: places).value
                } else {
                    values[key] = Double(stored)
                }
            }
            result[try row.decode(column: "park_id", as: Int.self), default: [:]][Int(try row.decode(column: "year", as: Int64.self))] =
                (values, try row.decode(column: "review_status", as: String?.self))
        }
        return result
    }
}

extension ParkRecognitionBoard: APISchema {
    static let schemaName = "ParkRecognitionBoard"
    static var openAPISchema: JSONSchema {
        let result = JSONSchema.object(required: false, nullable: true, properties: [
            "score": .number(description: "0–100"), "passMark": .number, "passed": .boolean,
            "failedRequired": .array(description: "未达到的必备条件", items: .string),
            "contributions": .array(items: .object(properties: [
                "name": .string, "statistic": .string, "value": .number(required: false, nullable: true), "threshold": .number,
                "weight": .integer, "required": .boolean, "met": .boolean, "earned": .number(description: "得分（满分为权重）"),
            ])),
        ])
        return .object(properties: [
            "year": .integer,
            "rows": .array(items: .object(properties: [
                "parkId": .integer, "parkName": .string, "kind": .string, "kindName": .string, "level": .string,
                "standardId": .integer(required: false, nullable: true), "standardName": .string(required: false, nullable: true),
                "reviewStatus": .string(required: false, nullable: true, allowedValues: ParkStatistic.reviewStatuses.map { AnyCodable($0.value) } + [nil]),
                "result": result, "previous": result,
                "flag": .string(required: false, nullable: true, allowedValues: ["failed", "failedTwice", "noStatistics", "noStandard", nil]),
            ])),
        ])
    }
}
