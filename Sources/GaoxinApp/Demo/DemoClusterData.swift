import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Clusters of the high-tech zone (seed 000 names 集成电路, 生命健康, 高端装备及新能源, 特钢新材料
/// and 未来产业 task forces) and one chain map, 集成电路, whose nodes carry GB/T 4754 codes and
/// the demo enterprises of 新吴 — so the map shows missing, weak and strong nodes, and the
/// recommendation page can mark which industries fill them. Targets are illustrative.
enum DemoClusterData {
    static let clusters: [(name: String, category: ClusterCategory, leadName: String, target: Int64?)] = [
        ("集成电路", .emerging, "集成电路产业专班", nil),
        ("生命健康", .emerging, "生命健康产业专班", 700_000),
        ("高端装备及新能源", .advantage, "高端装备及新能源产业专班", 1_200_000),
        ("特钢新材料", .advantage, "特钢新材料产业专班", 550_000),
        ("未来产业", .future, "未来产业专班", nil),
    ]

    /// Zone clusters the statistics bureau reports top-down: 2025 revenue (亿元) and growth on 2024 (%).
    static let zoneReported: [String: (annual: Int64, growth: Int64)] = ["生命健康": (66, 12), "高端装备及新能源": (118, 8), "特钢新材料": (50, -2)]

    /// (segment, node, codes, products)
    static let chipNodes: [(ChainSegment, String, [String], String)] = [
        (.upstream, "芯片设计", ["6520"], "EDA 工具、处理器与存储芯片设计"),
        (.upstream, "半导体材料", ["3985"], "硅片、光刻胶、电子特气"),
        (.upstream, "半导体装备", ["3562"], "刻蚀、薄膜沉积、检测设备"),
        (.midstream, "晶圆制造", ["3973"], "逻辑与存储晶圆代工"),
        (.midstream, "分立器件与功率半导体", ["3972"], "IGBT、MOSFET、碳化硅器件"),
        (.downstream, "智能终端", ["3919"], "物联网终端、工业计算机"),
        (.downstream, "汽车电子", ["3670"], "车规级芯片模组、域控制器"),
        (.downstream, "光伏与储能电子", ["3825"], "逆变器、储能变流器"),
    ]

    static func insert(on db: Database, now: Date) async throws {
        let units = try await OrgUnit.query(on: db).all()
        for (index, spec) in clusters.enumerated() {
            guard let lead = units.first(where: { $0.name == spec.leadName }) else { continue }
            let cluster = Cluster()
            cluster.name = spec.name
            cluster.category = spec.category.rawValue
            cluster.leadUnitID = lead.id!
            cluster.annualTarget = spec.target
            cluster.sortOrder = (index + 1) * 10
            cluster.active = true
            if zoneReported[spec.name] != nil { cluster.figuresSource = ClusterFiguresSource.topDown.rawValue }
            try await cluster.create(on: db)
            try await auditCluster(cluster, on: db, now: now)
            if let reported = zoneReported[spec.name] { try await DemoClusterFigures.report(cluster, annualYi: reported.annual, growth: reported.growth, on: db, now: now) }
            guard spec.name == "集成电路" else { continue }
            let chain = Chain()
            chain.clusterID = cluster.id!
            chain.name = "集成电路产业链"
            chain.minEnterprises = 2
            chain.minRevenue = 50_000
            chain.requireBackbone = true
            chain.active = true
            try await chain.create(on: db)
            try await audit(db, now, "chain", "\(chain.id!)", "载入演示产业链“\(chain.name)”", ChainDTO(chain))
            let xinwu = units.first { $0.code == "XW" }?.id
            for (order, item) in chipNodes.enumerated() {
                let node = ChainNode()
                node.chainID = chain.id!
                node.segment = item.0.rawValue
                node.name = item.1
                node.industryCodes = item.2.joined(separator: ",")
                node.products = item.3
                node.sortOrder = order * 10
                try await node.create(on: db)
                try await audit(db, now, "chain_node", "\(node.id!)", "载入演示产业链环节“\(node.name)”", ChainNodeDTO(node))
                // The zone's own enterprises (新吴) of the node's industries attach to it.
                let local = try await Enterprise.query(on: db).filter(\.$industryCode ~~ item.2).all().filter { $0.unitID == xinwu }
                for enterprise in local {
                    let link = ChainNodeEnterprise()
                    link.nodeID = node.id!
                    link.enterpriseID = enterprise.id!
                    try await link.create(on: db)
                    try await audit(db, now, "chain_node_enterprise", "\(node.id!)/\(enterprise.id!)", "演示：将“\(enterprise.name)”关联到环节“\(node.name)”",
                                    ChainNodeWrites.AttachmentSnapshot(nodeId: node.id!, nodeName: node.name, enterpriseId: enterprise.id!, enterpriseName: enterprise.name))
                }
            }
            try await fulfilChecklist(cluster, chain: chain, units: units, on: db, now: now)
            // Its target: last year's sum of its enterprises (bottom-up) and 12 % more.
            let lastYear = try await ClusterFigures.series(clusters: [cluster.id!], from: "2024-01", to: "2024-12", on: db as! any SQLDatabase)[cluster.id!]
            cluster.annualTarget = (lastYear?.bottomUp.values.reduce(0, +) ?? 0) * 112 / 100
            try await cluster.save(on: db)
        }
        try await DemoClusterFigures.insertCityStructure(on: db, now: now)
    }

    /// 集成电路's "八个一" partly fulfilled: its largest enterprise chosen 链主 by a recorded decision
    /// (seed 001: 链主企业遴选), the attraction team named, the park in progress by hand. Its plan,
    /// policy, fund and platform come from the registers' demo rows; its task force leads it.
    static func fulfilChecklist(_ cluster: Cluster, chain: Chain, units: [OrgUnit], on db: Database, now: Date) async throws {
        let sql = db as! any SQLDatabase
        if let row = try await sql.raw("""
            SELECT e.id FROM cluster_members m JOIN enterprises e ON e.id = m.enterprise_id JOIN enterprise_indicators i ON i.enterprise_id = e.id
            WHERE m.cluster_id = \(bind: cluster.id!) AND i.period >= '2025-01' GROUP BY e.id ORDER BY SUM(i.revenue) DESC, e.id LIMIT 1
            """).first(), let leader = try await Enterprise.find(try row.decode(column: "id", as: Int.self), on: db) {
            let decision = ChainLeaderDecision()
            decision.chainID = chain.id!
            decision.enterpriseID = leader.id!
            decision.tier = EnterpriseTier.chainLeader.rawValue
            decision.previousTier = leader.tier
            decision.reason = "演示：按链主遴选管理专项意见，综合规模、增长与研发投入认定"
            decision.decidedAt = now
            try await decision.create(on: db)
            leader.tier = EnterpriseTier.chainLeader.rawValue
            try await leader.save(on: db)
            try await audit(db, now, "enterprise", "\(leader.id!)", "演示：链主遴选决定，“\(leader.name)”认定为链主", leader.snapshot(unitName: units.first { $0.id == leader.unitID }?.name))
        }
        let items = try await ChecklistItem.query(on: db).all()
        let entries: [(String, ChecklistStatus, Int?, String)] = [
            ("一个团队", .missing, units.first { $0.code == "ZS-JCDL" }?.id, "集成电路招商团队负责产业链招商"),
            ("一个园区", .inProgress, nil, "集成电路特色产业园认定材料已报送（示例）"),
        ]
        for (name, status, unit, note) in entries {
            for item in items where item.name == name {
                let entry = ChecklistEntry()
                entry.clusterID = cluster.id!
                entry.itemID = item.id!
                entry.status = status.rawValue
                entry.unitID = unit
                entry.note = note
                try await entry.create(on: db)
                try await audit(db, now, ChecklistWrites.entryEntity, "\(cluster.id!)/\(item.id!)", "演示：“\(cluster.name)”机制清单 \(item.name)",
                                ChecklistWrites.snapshot(entry, item))
            }
        }
    }

    /// A demo cluster's creation, its snapshot as the register's own writes keep it.
    static func auditCluster(_ cluster: Cluster, on db: Database, now: Date) async throws {
        let record = try await RegisterStore.find(.clusters, id: cluster.id!, on: db)!
        try await audit(db, now, RegisterDeclaration.clusters.entity, "\(cluster.id!)", "载入演示产业集群“\(cluster.name)”",
                        RegisterDTO(declaration: .clusters, record: record.forAudit))
    }

    static func audit<T: Encodable>(_ db: Database, _ now: Date, _ entity: String, _ id: String, _ summary: String, _ after: T) async throws {
        try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: entity,
                                  entityID: id, summary: summary, before: NoSnapshot?.none, after: after)
    }
}
