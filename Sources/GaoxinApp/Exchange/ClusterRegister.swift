import Fluent
import Foundation
import GaoxinDomain

/// Import of the cluster registry. A row naming an existing cluster updates it; a new name
/// creates one.
struct ClusterRegister: ImportRegister {
    let key = "clusters"
    let titleZh = "产业集群"
    let titleEn = "Clusters"
    let policy = Policies.clusterRegistry
    let columns = [
        RegisterColumn(key: "name", zh: "集群名称", en: "Name", required: true, example: "集成电路", note: "已有名称将更新该集群"),
        RegisterColumn(key: "category", zh: "类别", en: "Category", required: true, example: "战略性新兴产业", note: "优势产业/战略性新兴产业/未来产业"),
        RegisterColumn(key: "leadUnit", zh: "牵头部门", en: "Lead unit", required: true, example: "GX-JQB", note: "单位编码或名称"),
        RegisterColumn(key: "liaisonLeader", zh: "挂钩领导", en: "Liaison leader", required: false, example: "", note: ""),
        RegisterColumn(key: "annualTarget", zh: "年度营收目标（万元）", en: "Annual target (10k yuan)", required: false, example: "25000000", note: "整数，单位万元"),
        RegisterColumn(key: "figuresSource", zh: "营收口径", en: "Figures source", required: false, example: "企业汇总（自下而上）",
                       note: "企业汇总（自下而上）/统计部门口径（自上而下填报）；空为企业汇总"),
        RegisterColumn(key: "sortOrder", zh: "排序号", en: "Sort order", required: false, example: "10", note: "整数"),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: ""),
    ]

    /// The list export's shown-only columns (the chains are the chain map's, the status is changed
    /// by deactivating): the import skips them, so an export imports back unchanged.
    var exportOnlyHeadings: Set<String> { ["产业链", "Chains", "状态", "Status"] }

    struct Item {
        var fields: ClusterWrites.Fields
        var existingID: Int?
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, actor: context.actor, context: context).errors
    }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, context: ImportContext?) async throws -> (errors: [ImportRowError], items: [Item]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let units = try await UnitLookup(on: db)
        let clusters = Dictionary(try await Cluster.query(on: db).all().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var errors: [ImportRowError] = []
        var items: [Item] = []
        var seen: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            if index % 200 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            // A column the file lacks (nil) keeps an existing cluster's value; an empty cell clears it.
            var input = ClusterInput(name: row.value("name"), category: row.value("category"),
                                     liaisonLeader: row.has("liaisonLeader") ? row.value("liaisonLeader") : nil,
                                     figuresSource: row.value("figuresSource").isEmpty ? nil : row.value("figuresSource"),
                                     note: row.has("note") ? row.value("note") : nil)
            let unitText = row.value("leadUnit")
            if unitText.isEmpty { fail("leadUnit", "必填") } else {
                switch units.find(unitText) {
                case .found(let unit): input.leadUnitId = unit.id
                case .problem(let reason): fail("leadUnit", reason)
                }
            }
            let target = row.value("annualTarget").withoutThousandsCommas
            if !target.isEmpty { if let value = Int64(target) { input.annualTarget = value } else { fail("annualTarget", "应为整数（万元）") } }
            let order = row.value("sortOrder")
            if !order.isEmpty { if let value = Int(order) { input.sortOrder = value } else { fail("sortOrder", "应为整数") } }
            let existing = clusters[input.name ?? ""]
            if let existing {
                do { try await ClusterWrites.requireOwnership(existing, actor: actor, on: db) } catch {
                    fail("name", "已有同名集群，且其牵头部门不属于本单位，不能修改")
                }
            }
            do {
                let fields = try await ClusterWrites.validate(input, existing: existing, actor: actor, on: db)
                if let first = seen[fields.name] { fail("name", "与第 \(first) 行的集群名称重复") } else { seen[fields.name] = row.number }
                if rowErrors.isEmpty { items.append(Item(fields: fields, existingID: existing?.id)) }
            } catch let failed as ValidationFailed {
                // A unit that could not be found is reported above already.
                for error in failed.errors where !(error.field == "leadUnitId" && input.leadUnitId == nil) {
                    fail(error.field == "leadUnitId" ? "leadUnit" : error.field, error.messageZh)
                }
            }
            errors += rowErrors
        }
        return (errors, items)
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, actor: context.actor, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        var written = 0
        for (index, item) in plan.items.enumerated() {
            var before: ClusterDTO?
            let cluster: Cluster
            if let id = item.existingID, let found = try await Cluster.find(id, on: tx) {
                cluster = found
                before = ClusterDTO(found)
            } else {
                cluster = Cluster()
                cluster.active = true
            }
            ClusterWrites.apply(item.fields, to: cluster)
            if let before, ClusterDTO(cluster) == before { continue }
            try await cluster.save(on: tx)
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address,
                                      action: before == nil ? .create : .update, entity: "cluster", entityID: "\(cluster.id!)",
                                      summary: (before == nil ? "导入产业集群“" : "导入更新产业集群“") + cluster.name + "”", before: before, after: ClusterDTO(cluster))
            written += 1
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return written
    }
}
