import Fluent
import Foundation
import GaoxinDomain

/// Import of chain maps as the spreadsheet tables they are usually drawn in: one row per node,
/// naming its cluster and chain, its segment, and its parent node (an existing node of the chain
/// or an earlier row). A node already in the chain under the same parent is updated.
struct ChainNodeRegister: ImportRegister {
    let key = "chain-nodes"
    let titleZh = "产业链环节"
    let titleEn = "Chain nodes"
    let policy = Policies.clusters
    let columns = [
        RegisterColumn(key: "cluster", zh: "集群名称", en: "Cluster", required: true, example: "集成电路", note: "须为已有集群"),
        RegisterColumn(key: "chain", zh: "产业链名称", en: "Chain", required: true, example: "集成电路产业链", note: "须为该集群已有产业链"),
        RegisterColumn(key: "segment", zh: "位置", en: "Segment", required: false, example: "上游", note: "上游/中游/下游；有上级环节时随上级"),
        RegisterColumn(key: "name", zh: "环节名称", en: "Node", required: true, example: "芯片设计", note: "不超过 100 字"),
        RegisterColumn(key: "parent", zh: "上级环节", en: "Parent node", required: false, example: "", note: "同一产业链中已有环节或本文件前面的行"),
        RegisterColumn(key: "codes", zh: "行业代码", en: "Industry codes", required: false, example: "6520", note: "GB/T 4754，多个用逗号分隔"),
        RegisterColumn(key: "products", zh: "关键产品与技术", en: "Key products", required: false, example: "EDA 工具、处理器设计", note: ""),
        RegisterColumn(key: "sortOrder", zh: "排序号", en: "Sort order", required: false, example: "10", note: "整数"),
    ]

    /// A node known to the import: existing (id) or created by an earlier row (row number).
    struct Known { var id: Int?; var row: Int?; var segment: ChainSegment }

    struct Item {
        var chainID: Int
        var existingID: Int?
        var parentID: Int?
        var parentRow: Int?
        var fields: ChainNodeWrites.Fields
        var row: Int
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, actor: context.actor, context: context).errors
    }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, context: ImportContext?) async throws -> (errors: [ImportRowError], items: [Item]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let clusters = Dictionary(try await Cluster.query(on: db).all().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var chains: [String: Chain] = [:]
        var owned: [Int: Bool] = [:]
        // chain id → "parentKey|name" → known node
        var nodes: [Int: [String: Known]] = [:]
        var errors: [ImportRowError] = []
        var items: [Item] = []
        for (index, row) in rows.enumerated() {
            if index % 200 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            var chain: Chain?
            if let cluster = clusters[row.value("cluster")] {
                let chainKey = "\(cluster.id!)|\(row.value("chain"))"
                if chains[chainKey] == nil {
                    chains[chainKey] = try await Chain.query(on: db).filter(\.$clusterID == cluster.id!).filter(\.$name == row.value("chain")).first()
                }
                chain = chains[chainKey]
                if chain == nil { fail("chain", row.value("chain").isEmpty ? "必填" : "该集群没有这条产业链，请先在集群页面新建") }
                if owned[cluster.id!] == nil {
                    owned[cluster.id!] = (try? await ClusterWrites.requireOwnership(cluster, actor: actor, on: db)) != nil
                }
                if owned[cluster.id!] == false { fail("cluster", "该集群的牵头部门不属于本单位，不能修改其产业链") }
            } else {
                fail("cluster", row.value("cluster").isEmpty ? "必填" : "集群不存在")
            }
            guard let chain, rowErrors.isEmpty else { errors += rowErrors; continue }
            let chainID = chain.id!
            if nodes[chainID] == nil {
                var known: [String: Known] = [:]
                for node in try await ChainNode.query(on: db).filter(\.$chainID == chainID).all() {
                    known["\(node.parentID.map { "id:\($0)" } ?? "root")|\(node.name)"] = Known(id: node.id, row: nil, segment: node.chainSegment)
                }
                nodes[chainID] = known
            }
            // The parent: any node of the chain with that name (an existing one or an earlier row).
            var parent: Known?
            let parentName = row.value("parent")
            if !parentName.isEmpty {
                let matches = nodes[chainID]!.filter { $0.key.hasSuffix("|" + parentName) }.map(\.value)
                if matches.count == 1 { parent = matches[0] } else {
                    fail("parent", matches.isEmpty ? "本产业链中没有该环节（须为已有环节或本文件前面的行）" : "本产业链中有多个同名环节，无法确定上级")
                }
            }
            var input = ChainNodeInput(segment: row.value("segment"), name: row.value("name"),
                                       industryCodes: ChainNodeWrites.splitCodes(row.value("codes")), products: row.value("products"))
            let order = row.value("sortOrder")
            if !order.isEmpty { if let value = Int(order) { input.sortOrder = value } else { fail("sortOrder", "应为整数") } }
            if let parent { input.segment = parent.segment.rawValue } else if input.segment?.isEmpty ?? true, parentName.isEmpty {
                fail("segment", "顶层环节须填写位置：上游、中游或下游")
            }
            let parentKey = parent.map { $0.id.map { "id:\($0)" } ?? "row:\($0.row!)" } ?? "root"
            let existing = nodes[chainID]!["\(parentKey)|\(input.name ?? "")"]
            if let existing, existing.row != nil { fail("name", "与第 \(existing.row!) 行是同一环节") }
            var fields: ChainNodeWrites.Fields?
            do {
                // Validated as a root of its segment; the parent is resolved at write time.
                fields = try await ChainNodeWrites.validate(input, chain: chain, existing: nil, updating: existing?.id, on: db)
            } catch let failed as ValidationFailed {
                for error in failed.errors where !(error.field == "segment" && !rowErrors.isEmpty) {
                    fail(error.field == "industryCodes" ? "codes" : error.field, error.messageZh)
                }
            }
            if rowErrors.isEmpty, var fields {
                fields.segment = parent?.segment ?? fields.segment
                if existing == nil {
                    nodes[chainID]!["\(parentKey)|\(fields.name)"] = Known(id: nil, row: row.number, segment: fields.segment)
                }
                items.append(Item(chainID: chainID, existingID: existing?.id, parentID: parent?.id, parentRow: parent?.id == nil ? parent?.row : nil,
                                  fields: fields, row: row.number))
            }
            errors += rowErrors
        }
        return (errors, items)
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, actor: context.actor, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        var created: [Int: Int] = [:]
        var written = 0
        for (index, item) in plan.items.enumerated() {
            var fields = item.fields
            fields.parentID = item.parentID ?? item.parentRow.flatMap { created[$0] }
            let node: ChainNode
            var before: ChainNodeDTO?
            if let id = item.existingID, let found = try await ChainNode.find(id, on: tx) {
                node = found
                before = ChainNodeDTO(found)
                fields.parentID = found.parentID
                fields.segment = found.parentID == nil ? fields.segment : found.chainSegment
            } else {
                node = ChainNode()
                node.chainID = item.chainID
            }
            ChainNodeWrites.apply(fields, to: node)
            if let before, ChainNodeDTO(node) == before { continue }
            try await node.save(on: tx)
            created[item.row] = node.id
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address,
                                      action: before == nil ? .create : .update, entity: "chain_node", entityID: "\(node.id!)",
                                      summary: (before == nil ? "导入产业链环节“" : "导入更新产业链环节“") + node.name + "”", before: before, after: ChainNodeDTO(node))
            written += 1
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return written
    }
}
