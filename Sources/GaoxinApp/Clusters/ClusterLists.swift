import Fluent
import Foundation
import GaoxinDomain
import GaoxinSheets
import OpenAPIKit30
import SQLKit
import Vapor

/// 四张清单 (seed 001): a cluster's key enterprises, key projects, target companies and problems
/// and needs — live queries over the records, never copies. Key enterprises are its members of
/// tier 链主, 准链主 or 骨干 with their last twelve months' revenue; key projects are the cluster's
/// active projects of a key level (省重大, 市重大, 区重点) with their stage and 滞后; problems are the
/// unresolved obstacles of the cluster's projects, the overdue first.
struct ClusterLists: Content, APISchema {
    struct KeyEnterprise: Content, Equatable {
        var id: Int
        var name: String
        var tier: String
        var tierName: String
        /// 万元 over `revenueFrom`…`revenueTo`.
        var revenue: Int64
    }

    struct Target: Content, Equatable {
        var id: Int
        var name: String
        var node: String
        var region: String?
        var source: String?
        var reason: String?
    }

    struct KeyProject: Content, Equatable {
        var id: Int
        var name: String
        var level: String
        var stage: String
        /// 万元.
        var totalInvestment: Int64
        var late: Bool
    }

    struct Problem: Content, Equatable {
        var id: Int
        var title: String
        var project: String
        var unit: String
        var dueOn: String
        var overdue: Bool
    }

    var clusterId: Int
    var revenueFrom: String
    var revenueTo: String
    var keyEnterprises: [KeyEnterprise]
    var targetCompanies: [Target]
    var keyProjects: [KeyProject]
    var problems: [Problem]
    /// How many there are; a page and the API show the first `shown` (the cluster's project and
    /// obstacle lists hold the rest), the export every one.
    var targetCompaniesTotal: Int
    var keyProjectsTotal: Int
    var problemsTotal: Int

    /// Rows a page or the API shows per list: a province cluster has thousands of projects.
    static let shown = 50

    static let schemaName = "ClusterLists"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "clusterId": .integer, "revenueFrom": .string, "revenueTo": .string,
            "keyEnterprises": .array(items: .object(properties: ["id": .integer, "name": .string, "tier": .string, "tierName": .string, "revenue": .integer])),
            "targetCompanies": .array(items: .object(properties: ["id": .integer, "name": .string, "node": .string, "region": .string(required: false, nullable: true),
                                                                  "source": .string(required: false, nullable: true), "reason": .string(required: false, nullable: true)])),
            "keyProjects": .array(items: .object(properties: [
                "id": .integer, "name": .string, "level": .string(description: "重大项目级别（中文）"), "stage": .string(description: "阶段（中文）"),
                "totalInvestment": .integer(format: .int64, description: "总投资（万元）"), "late": .boolean(description: "滞后"),
            ])),
            "problems": .array(items: .object(properties: [
                "id": .integer, "title": .string, "project": .string, "unit": .string(description: "责任单位"),
                "dueOn": .string(format: .date), "overdue": .boolean,
            ])),
            "targetCompaniesTotal": .integer(description: "招商目标企业总数（列表只含前 50 家）"),
            "keyProjectsTotal": .integer(description: "重点项目总数（列表只含前 50 个）"),
            "problemsTotal": .integer(description: "未解决问题总数（列表只含前 50 个）"),
        ])
    }

    static let keyTiers: [EnterpriseTier] = [.chainLeader, .candidate, .backbone]

    /// `limit`: the rows each list holds (nil: all, for the export); totals are counted only when a
    /// list is cut. The four lists read different tables and need nothing of each other: they are
    /// read concurrently, each on its own pooled connection.
    static func make(_ cluster: Cluster, now: Date, lang: UILanguage, limit: Int? = shown, on db: Database) async throws -> ClusterLists {
        let sql = db as! any SQLDatabase
        let id = cluster.id!
        async let keyTask = keyEnterprises(of: id, now: now, lang: lang, on: db)
        async let targetsTask = targetCompanies(of: id, lang: lang, limit: limit, on: sql)
        async let projectsTask = keyProjects(of: id, today: DisplayFormat.day(now), lang: lang, limit: limit, on: sql)
        async let problemsTask = problems(of: id, today: DisplayFormat.day(now), limit: limit, on: sql)
        let (key, from, to) = try await keyTask
        let targets = try await targetsTask, projects = try await projectsTask, problems = try await problemsTask
        return ClusterLists(clusterId: id, revenueFrom: from.description, revenueTo: to.description, keyEnterprises: key,
                            targetCompanies: targets.rows, keyProjects: projects.rows, problems: problems.rows,
                            targetCompaniesTotal: targets.total, keyProjectsTotal: projects.total, problemsTotal: problems.total)
    }

    /// One list's rows, at most `limit` (the query asks for one more to know whether it was cut),
    /// and its total, counted only when it was.
    private static func cut<T>(_ query: SQLQueryString, count: SQLQueryString, limit: Int?, on sql: any SQLDatabase,
                               _ row: (any SQLRow) throws -> T) async throws -> (rows: [T], total: Int) {
        let more: SQLQueryString = limit.map { " LIMIT \(unsafeRaw: String($0 + 1))" } ?? ""
        var rows = try await sql.raw(query + more).all().map(row)
        guard let limit, rows.count > limit else { return (rows, rows.count) }
        rows.removeLast(rows.count - limit)
        return (rows, try await sql.raw(count).first(decodingColumn: "n", as: Int.self) ?? rows.count)
    }

    /// Members of tier 链主, 准链主 or 骨干 with their revenue over the last twelve months, by tier then revenue.
    private static func keyEnterprises(of id: Int, now: Date, lang: UILanguage, on db: Database) async throws -> ([KeyEnterprise], Period, Period) {
        let (from, to) = try await ClusterQueries.lastTwelveMonths(now, on: db)
        let tiers = keyTiers.map(\.rawValue)
        let enterprises = try await (db as! any SQLDatabase).raw("""
            SELECT e.id, e.name, e.tier, CAST(COALESCE(SUM(i.revenue), 0) AS BIGINT) AS revenue
            FROM cluster_members m JOIN enterprises e ON e.id = m.enterprise_id
            LEFT JOIN enterprise_indicators i ON i.enterprise_id = e.id AND i.period >= \(bind: from.description) AND i.period <= \(bind: to.description)
            WHERE m.cluster_id = \(bind: id) AND e.active = \(bind: true) AND e.tier IN (\(binds: tiers))
            GROUP BY e.id, e.name, e.tier
            """).all()
        var key = try enterprises.map { row -> KeyEnterprise in
            let tier = try row.decode(column: "tier", as: String.self)
            let name = EnterpriseTier(rawValue: tier).map { lang.t($0.nameZh, $0.nameEn) } ?? tier
            return KeyEnterprise(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self), tier: tier,
                                 tierName: name, revenue: try row.decode(column: "revenue", as: Int64.self))
        }
        key.sort { (tiers.firstIndex(of: $0.tier) ?? 9, -$0.revenue, $0.id) < (tiers.firstIndex(of: $1.tier) ?? 9, -$1.revenue, $1.id) }
        return (key, from, to)
    }

    private static func targetCompanies(of id: Int, lang: UILanguage, limit: Int?, on sql: any SQLDatabase) async throws -> (rows: [Target], total: Int) {
        let sources = RegisterDeclaration.targetCompanies.choices("source")
        return try await cut("""
            SELECT t.id, t.name, t.region, t.source, t.reason, v.name AS node FROM target_companies t JOIN chain_node_names v ON v.id = t.chain_node_id
            WHERE v.cluster_id = \(bind: id) AND t.active = \(bind: true) ORDER BY t.name_sort, t.id
            """, count: """
            SELECT COUNT(*) AS n FROM target_companies t JOIN chain_node_names v ON v.id = t.chain_node_id
            WHERE v.cluster_id = \(bind: id) AND t.active = \(bind: true)
            """, limit: limit, on: sql) { row in
            Target(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                   node: try row.decode(column: "node", as: String.self), region: try row.decode(column: "region", as: String?.self),
                   source: try row.decode(column: "source", as: String?.self).map { code in sources[code].map { lang.t($0.zh, $0.en) } ?? code },
                   reason: try row.decode(column: "reason", as: String?.self))
        }
    }

    private static func keyProjects(of id: Int, today: String, lang: UILanguage, limit: Int?, on sql: any SQLDatabase) async throws -> (rows: [KeyProject], total: Int) {
        let levels = RegisterDeclaration.projects.choices("level"), stages = RegisterDeclaration.projects.choices("stage")
        return try await cut("""
            SELECT p.id, p.name, p.level, p.stage, p.total_investment, p.next_due_on FROM projects p
            WHERE p.cluster_id = \(bind: id) AND p.active = \(bind: true) AND p.level IN ('provincial', 'municipal', 'district')
            ORDER BY CASE p.level WHEN 'provincial' THEN 0 WHEN 'municipal' THEN 1 ELSE 2 END, p.total_investment DESC, p.id
            """, count: """
            SELECT COUNT(*) AS n FROM projects p
            WHERE p.cluster_id = \(bind: id) AND p.active = \(bind: true) AND p.level IN ('provincial', 'municipal', 'district')
            """, limit: limit, on: sql) { row in
            let stage = try row.decode(column: "stage", as: String.self), level = try row.decode(column: "level", as: String.self)
            let due = try row.decode(column: "next_due_on", as: String?.self)
            return KeyProject(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                              level: levels[level].map { lang.t($0.zh, $0.en) } ?? level, stage: stages[stage].map { lang.t($0.zh, $0.en) } ?? stage,
                              totalInvestment: try row.decode(column: "total_investment", as: Int64.self),
                              late: stage != ProjectStage.producing.rawValue && (due.map { $0 < today } ?? false))
        }
    }

    private static func problems(of id: Int, today: String, limit: Int?, on sql: any SQLDatabase) async throws -> (rows: [Problem], total: Int) {
        try await cut("""
            SELECT o.id, o.title, o.due_on, p.name AS project, u.name AS unit FROM obstacles o
            JOIN projects p ON p.id = o.project_id JOIN units u ON u.id = o.owning_unit_id
            WHERE p.cluster_id = \(bind: id) AND p.active = \(bind: true) AND o.active = \(bind: true) AND o.status <> 'resolved'
            ORDER BY o.due_on, o.id
            """, count: """
            SELECT COUNT(*) AS n FROM obstacles o JOIN projects p ON p.id = o.project_id
            WHERE p.cluster_id = \(bind: id) AND p.active = \(bind: true) AND o.active = \(bind: true) AND o.status <> 'resolved'
            """, limit: limit, on: sql) { row in
            let due = try row.decode(column: "due_on", as: String.self)
            return Problem(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                           project: try row.decode(column: "project", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                           dueOn: due, overdue: due < today)
        }
    }

    /// The four lists as sheets of one workbook (one sheet each).
    func sheets(lang: UILanguage) -> [SheetTable] {
        let enterprises = [[lang.t("企业", "Enterprise"), lang.t("层级", "Tier"), lang.t("近 12 个月营收（亿元）", "Revenue, 12 months (100m yuan)")].map { SheetCell.text($0) }]
            + keyEnterprises.map { [.text($0.name), .text($0.tierName), .number((Double($0.revenue) / 100).rounded() / 100)] }
        let targets = [[lang.t("企业", "Company"), lang.t("产业链环节", "Chain node"), lang.t("所在地区", "Region"), lang.t("线索来源", "Source"), lang.t("目标理由", "Why")]
            .map { SheetCell.text($0) }]
            + targetCompanies.map { [.text($0.name), .text($0.node), $0.region.map { .text($0) } ?? .empty, $0.source.map { .text($0) } ?? .empty, $0.reason.map { .text($0) } ?? .empty] }
        let projects = [[lang.t("项目", "Project"), lang.t("级别", "Level"), lang.t("阶段", "Stage"), lang.t("总投资（亿元）", "Investment (100m yuan)"), lang.t("滞后", "Late")]
            .map { SheetCell.text($0) }]
            + keyProjects.map { [.text($0.name), .text($0.level), .text($0.stage), .number((Double($0.totalInvestment) / 100).rounded() / 100),
                                 .text($0.late ? lang.t("是", "Yes") : "")] }
        let problemRows = [[lang.t("问题", "Problem"), lang.t("项目", "Project"), lang.t("责任单位", "Unit"), lang.t("解决时限", "Due"), lang.t("逾期", "Overdue")]
            .map { SheetCell.text($0) }]
            + problems.map { [.text($0.title), .text($0.project), .text($0.unit), .text($0.dueOn), .text($0.overdue ? lang.t("是", "Yes") : "")] }
        return [
            SheetTable(name: lang.t("重点企业", "Key enterprises"), rows: enterprises),
            SheetTable(name: lang.t("重点项目", "Key projects"), rows: projects),
            SheetTable(name: lang.t("招商目标", "Target companies"), rows: targets),
            SheetTable(name: lang.t("问题与需求", "Problems and needs"), rows: problemRows),
        ]
    }
}
