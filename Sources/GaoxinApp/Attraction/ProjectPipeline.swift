import Foundation
import OpenAPIKit30
import GaoxinDomain
import SQLKit
import Vapor

/// 项目推进总览: active projects counted and summed (总投资, 万元) by stage, by responsible unit, by
/// cluster and by level, optionally for the projects signed in one year — four grouped queries
/// over the `projects` indexes.
struct ProjectPipeline: Content, APISchema {
    struct Group: Content, Equatable {
        var key: String
        var name: String
        var count: Int
        var investment: Int64
        var late: Int
    }

    var year: Int?
    var total: Group
    var byStage: [Group]
    var byUnit: [Group]
    var byCluster: [Group]
    var byLevel: [Group]

    enum CodingKeys: String, CodingKey { case year, total, byStage, byUnit, byCluster, byLevel }

    /// `year` is written as null when not given (the document says required, nullable).
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(total, forKey: .total)
        try container.encode(byStage, forKey: .byStage)
        try container.encode(byUnit, forKey: .byUnit)
        try container.encode(byCluster, forKey: .byCluster)
        try container.encode(byLevel, forKey: .byLevel)
    }

    static func load(year: Int?, today: String, on sql: any SQLDatabase) async throws -> ProjectPipeline {
        let signed: SQLQueryString = year.map { "AND p.signed_on >= \(bind: "\($0)-01-01") AND p.signed_on <= \(bind: "\($0)-12-31")" } ?? ""
        func grouped(_ key: String, join: String = "", name: String) async throws -> [Group] {
            try await sql.raw("""
                SELECT \(unsafeRaw: key) AS k, \(unsafeRaw: name) AS name, COUNT(*) AS n, CAST(COALESCE(SUM(p.total_investment), 0) AS BIGINT) AS invest,
                       SUM(CASE WHEN p.stage <> 'producing' AND p.next_due_on < \(bind: today) THEN 1 ELSE 0 END) AS late
                FROM projects p \(unsafeRaw: join) WHERE p.active = \(bind: true) \(signed)
                GROUP BY \(unsafeRaw: key), \(unsafeRaw: name) ORDER BY invest DESC, k
                """).all().map { row in
                Group(key: try row.decodeNil(column: "k") ? "" : try ProjectGroups.key(row),
                      name: try row.decodeNil(column: "name") ? "" : try row.decode(column: "name", as: String.self),
                      count: try row.decode(column: "n", as: Int.self), investment: try row.decode(column: "invest", as: Int64.self),
                      late: try row.decodeNil(column: "late") ? 0 : try row.decode(column: "late", as: Int.self))
            }
        }
        let stages = try await grouped("p.stage", name: "p.stage")
        let byStage = ProjectStage.allCases.map { stage in
            let found = stages.first { $0.key == stage.rawValue }
            return Group(key: stage.rawValue, name: stage.zh, count: found?.count ?? 0, investment: found?.investment ?? 0, late: found?.late ?? 0)
        }
        let levels = try await grouped("p.level", name: "p.level")
        let byLevel = ProjectGroups.levels.map { level in
            let found = levels.first { $0.key == level.key }
            return Group(key: level.key, name: level.name, count: found?.count ?? 0, investment: found?.investment ?? 0, late: found?.late ?? 0)
        }
        let total = Group(key: "", name: "合计", count: byStage.map(\.count).reduce(0, +), investment: byStage.map(\.investment).reduce(0, +),
                          late: byStage.map(\.late).reduce(0, +))
        return ProjectPipeline(year: year, total: total, byStage: byStage,
                               byUnit: try await grouped("p.owning_unit_id", join: "JOIN units u ON u.id = p.owning_unit_id", name: "u.name"),
                               byCluster: try await grouped("p.cluster_id", join: "LEFT JOIN clusters c ON c.id = p.cluster_id", name: "c.name"),
                               byLevel: byLevel)
    }

    static let schemaName = "ProjectPipeline"
    static var openAPISchema: JSONSchema {
        let group = JSONSchema.object(properties: [
            "key": .string(description: "阶段、级别代码，或单位、集群 ID（无集群为空）"), "name": .string, "count": .integer,
            "investment": .integer(format: .int64, description: "总投资（万元）"), "late": .integer(description: "滞后项目数"),
        ])
        return .object(properties: [
            "year": .integer(required: true, nullable: true, description: "签约年度；为空则为全部在用项目"),
            "total": group, "byStage": .array(items: group), "byUnit": .array(items: group), "byCluster": .array(items: group), "byLevel": .array(items: group),
        ])
    }
}
