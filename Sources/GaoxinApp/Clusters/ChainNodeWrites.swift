import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// Changes to a chain's nodes and to the enterprises attached to them, checked against the
/// chain's cluster ownership and audited.
enum ChainNodeWrites {
    struct Fields {
        var segment: ChainSegment
        var parentID: Int?
        var name: String
        var codes: [String]
        var products: String?
        var sortOrder: Int
    }

    /// `3973, 3972、C3562` → ["3973", "3972", "3562"]; the form's one text field.
    static func splitCodes(_ text: String) -> [String] {
        text.split(whereSeparator: { ",，、; ；\n".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `updating` names the node a row will update when `existing` is not loaded (imports).
    static func validate(_ input: ChainNodeInput, chain: Chain, existing: ChainNode?, updating: Int? = nil, on db: Database) async throws -> Fields {
        var v = FieldValidator()
        let name = v.requiredText("name", input.name ?? existing?.name, label: "环节名称", labelEn: "Name", max: 100)
        var parentID = existing?.parentID
        var segment = existing?.chainSegment
        if existing == nil, let requested = input.parentId {
            if let parent = try await ChainNode.find(requested, on: db), parent.chainID == chain.id {
                parentID = parent.id
                segment = parent.chainSegment // a sub-node sits in its parent's segment
            } else {
                v.add(.invalid("parentId", zh: "上级环节不存在或不属于本产业链", en: "Parent node not in this chain"))
            }
        }
        // A sub-node sits in its parent's segment, but a segment it is sent must still be one.
        if let text = input.segment, !text.isEmpty {
            if let parsed = ChainSegment(rawValue: text) ?? ChainSegment.allCases.first(where: { $0.nameZh == text }) {
                if parentID == nil { segment = parsed }
            } else {
                v.add(.invalid("segment", zh: "环节位置只能是上游、中游或下游", en: "Segment must be upstream, midstream or downstream"))
            }
        }
        if segment == nil, v.isValid { v.add(.choiceRequired("segment", label: "环节位置（上游/中游/下游）", labelEn: "Segment")) }
        var codes: [String] = []
        for raw in input.industryCodes ?? existing?.codes ?? [] {
            switch IndustryCatalogue.standard.resolve(raw) {
            case .success(let code): if !codes.contains(code.digits) { codes.append(code.digits) }
            case .failure(let problem): v.add(.invalid("industryCodes", zh: problem.messageZh, en: problem.messageEn))
            }
        }
        v.check(codes.count <= 20, .invalid("industryCodes", zh: "一个环节最多 20 个行业代码", en: "At most 20 codes per node"))
        let products = v.optionalText("products", input.products ?? existing?.products, label: "关键产品与技术", labelEn: "Products", max: 2000)
        let sortOrder = input.sortOrder ?? existing?.sortOrder ?? 0
        v.check(InputLimits.sortOrder.contains(sortOrder), .invalid("sortOrder", zh: "排序号应在 -1000000 到 1000000 之间", en: "Sort order out of range"))
        // Node names are how people (and the chain-node import) tell nodes apart within a chain.
        if !name.isEmpty {
            var namesake = ChainNode.query(on: db).filter(\.$chainID == chain.id!).filter(\.$name == name)
            if let id = existing?.id ?? updating { namesake = namesake.filter(\.$id != id) }
            if try await namesake.first() != nil {
                v.add(FieldError(field: "name", code: "duplicate", zh: "本产业链已有名为“\(name)”的环节", en: "This chain already has a node with that name"))
            }
        }
        try v.throwIfInvalid()
        return Fields(segment: segment ?? .midstream, parentID: parentID, name: name, codes: codes, products: products, sortOrder: sortOrder)
    }

    static func requireOwnership(chainID: Int, _ req: Request) async throws -> Chain {
        guard let chain = try await Chain.find(chainID, on: req.db) else { throw AppError.notFound("该产业链") }
        try await ClusterWrites.requireOwnership(try await ClusterWrites.chainCluster(chain, on: req.db), actor: try req.requireActor(), on: req.db)
        return chain
    }

    static func apply(_ fields: Fields, to node: ChainNode) {
        node.segment = fields.segment.rawValue
        node.parentID = fields.parentID
        node.name = fields.name
        node.industryCodes = fields.codes.joined(separator: ",")
        node.products = fields.products
        node.sortOrder = fields.sortOrder
    }

    static func create(in chain: Chain, _ input: ChainNodeInput, _ req: Request) async throws -> ChainNode {
        _ = try await requireOwnership(chainID: chain.id!, req)
        let fields = try await validate(input, chain: chain, existing: nil, on: req.db)
        return try await req.db.transaction { tx in
            let node = ChainNode()
            node.chainID = chain.id!
            apply(fields, to: node)
            try await node.create(on: tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: "chain_node", entityID: "\(node.id!)",
                                      summary: "新建产业链环节“\(node.name)”（\(chain.name)）", before: NoSnapshot?.none, after: ChainNodeDTO(node))
            return node
        }
    }

    static func update(_ node: ChainNode, _ input: ChainNodeInput, _ req: Request) async throws -> ChainNode {
        let chain = try await requireOwnership(chainID: node.chainID, req)
        let fields = try await validate(input, chain: chain, existing: node, on: req.db)
        let before = ChainNodeDTO(node)
        return try await req.db.transaction { tx in
            let segmentChanged = node.segment != fields.segment.rawValue
            apply(fields, to: node)
            try await node.save(on: tx)
            if segmentChanged {
                // Sub-nodes follow their root into the new segment.
                try await (tx as! any SQLDatabase).raw("""
                    UPDATE chain_nodes SET segment = \(bind: fields.segment.rawValue) WHERE chain_id = \(bind: node.chainID) AND id IN (\(descendants(of: node.id!)))
                    """).run()
            }
            try await AuditLog.record(req, on: tx, action: .update, entity: "chain_node", entityID: "\(node.id!)",
                                      summary: "修改产业链环节“\(node.name)”", before: before, after: ChainNodeDTO(node))
            return node
        }
    }

    /// A recursive query of a node's descendants (both engines support `WITH RECURSIVE`).
    static func descendants(of id: Int) -> SQLQueryString {
        "WITH RECURSIVE sub(id) AS (SELECT id FROM chain_nodes WHERE parent_id = \(bind: id) UNION ALL SELECT n.id FROM chain_nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub"
    }

    /// Only an empty leaf is deleted: a node with sub-nodes or enterprises is programme data others point to.
    static func delete(_ node: ChainNode, _ req: Request) async throws {
        _ = try await requireOwnership(chainID: node.chainID, req)
        let children = try await ChainNode.query(on: req.db).filter(\.$parentID == node.id!).count()
        if children > 0 { throw AppError.conflict("该环节还有 \(children) 个下级环节，请先删除它们") }
        let attached = try await ChainNodeEnterprise.query(on: req.db).filter(\.$nodeID == node.id!).count()
        if attached > 0 { throw AppError.conflict("该环节还关联着 \(attached) 家企业，请先取消关联") }
        let targets = try await (req.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM target_companies WHERE chain_node_id = \(bind: node.id!)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        if targets > 0 { throw AppError.conflict("该环节还有 \(targets) 家招商目标企业，请先把它们改到其他环节") }
        let before = ChainNodeDTO(node)
        try await req.db.transaction { tx in
            try await node.delete(on: tx)
            try await AuditLog.record(req, on: tx, action: .delete, entity: "chain_node", entityID: "\(before.id)",
                                      summary: "删除产业链环节“\(before.name)”", before: before, after: NoSnapshot?.none)
        }
    }

    struct AttachmentSnapshot: Encodable { var nodeId: Int; var nodeName: String; var enterpriseId: Int; var enterpriseName: String }

    /// `refusingRepeat`: a person who typed an enterprise already on the node is told so at the
    /// field (the form); the API's PUT stays idempotent — putting an existing link changes nothing.
    static func attach(_ node: ChainNode, enterprise: Enterprise, refusingRepeat: Bool = false, _ req: Request) async throws {
        _ = try await requireOwnership(chainID: node.chainID, req)
        guard enterprise.active else {
            throw AppError.validation(ValidationFailed([.invalid("enterprise", zh: "企业“\(enterprise.name)”已停用", en: "The enterprise is deactivated")]))
        }
        let inserted = try await req.db.transaction { tx in try await insertAttachment(node, enterprise: enterprise, req, on: tx) }
        if refusingRepeat, !inserted {
            throw AppError.validation(ValidationFailed([.invalid("enterprise", zh: "企业“\(enterprise.name)”已关联到环节“\(node.name)”，无需重复关联",
                                                                 en: "“\(enterprise.name)” is already attached to “\(node.name)”")]))
        }
    }

    /// The attachment and its audit row inside the caller's transaction; nothing when it exists
    /// (then false). `why` follows the summary (a project's enterprise attached as the project lands).
    @discardableResult
    static func insertAttachment(_ node: ChainNode, enterprise: Enterprise, why: String = "", _ req: Request, on tx: Database) async throws -> Bool {
        let exists = try await ChainNodeEnterprise.query(on: tx).filter(\.$nodeID == node.id!).filter(\.$enterpriseID == enterprise.id!).count()
        if exists > 0 { return false }
        let link = ChainNodeEnterprise()
        link.nodeID = node.id!
        link.enterpriseID = enterprise.id!
        try await link.create(on: tx)
        try await AuditLog.record(req, on: tx, action: .create, entity: "chain_node_enterprise", entityID: "\(node.id!)/\(enterprise.id!)",
                                  summary: "将“\(enterprise.name)”关联到环节“\(node.name)”" + why, before: NoSnapshot?.none,
                                  after: AttachmentSnapshot(nodeId: node.id!, nodeName: node.name, enterpriseId: enterprise.id!, enterpriseName: enterprise.name))
        return true
    }

    static func detach(_ node: ChainNode, enterpriseID: Int, _ req: Request) async throws {
        _ = try await requireOwnership(chainID: node.chainID, req)
        guard let link = try await ChainNodeEnterprise.query(on: req.db).filter(\.$nodeID == node.id!).filter(\.$enterpriseID == enterpriseID).first() else {
            throw AppError.notFound("该关联")
        }
        let name = try await Enterprise.find(enterpriseID, on: req.db)?.name ?? "#\(enterpriseID)"
        try await req.db.transaction { tx in
            try await link.delete(on: tx)
            try await AuditLog.record(req, on: tx, action: .delete, entity: "chain_node_enterprise", entityID: "\(node.id!)/\(enterpriseID)",
                                      summary: "取消“\(name)”与环节“\(node.name)”的关联",
                                      before: AttachmentSnapshot(nodeId: node.id!, nodeName: node.name, enterpriseId: enterpriseID, enterpriseName: name),
                                      after: NoSnapshot?.none)
        }
    }

    /// What the attach form's text names: one enterprise, or several to choose from.
    enum EnterpriseLookup {
        case found(Enterprise)
        /// The candidates to offer as a select, and the message beside the field.
        case choose([ReferenceSearch.Candidate], FieldError)
    }

    /// The form names an enterprise by credit code or exact name, or types part of its name: the
    /// active enterprises whose name contains the text are searched (search-then-choose, no
    /// JavaScript) — a single one is taken, several are offered to choose from.
    static func findEnterprise(_ text: String, on db: Database) async throws -> EnterpriseLookup {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationFailed([.required("enterprise", label: "企业（名称或统一社会信用代码）", labelEn: "Enterprise")]) }
        if case .success(let code) = CreditCode.parse(trimmed), let found = try await Enterprise.query(on: db).filter(\.$creditCode == code.value).first() {
            return .found(found)
        }
        let byName = try await Enterprise.query(on: db).filter(\.$name == trimmed).all()
        if byName.count == 1 { return .found(byName[0]) }
        let table = ReferenceSearch.Table.enterprises
        let matches = try await ReferenceSearch.search(table, texts: [trimmed], on: db as! any SQLDatabase)[trimmed] ?? .init()
        if byName.count > 1 {
            return .choose(matches.candidates, .invalid("enterprise", zh: "有多家企业名为“\(trimmed)”，请选择或改用统一社会信用代码", en: "Several enterprises have that name; choose one"))
        }
        switch matches.candidates.count {
        case 0:
            throw ValidationFailed([.invalid("enterprise", zh: "找不到企业“\(trimmed)”（没有名称包含它的在用企业，请核对名称或统一社会信用代码）", en: "No active enterprise has a name containing \(trimmed)")])
        case 1 where !matches.more:
            guard let only = try await Enterprise.find(matches.candidates[0].id, on: db) else { throw AppError.notFound("该企业") }
            return .found(only)
        default:
            let message = ReferenceSearch.chooseMessage(trimmed, matches, table: table, nounZh: "企业", nounEn: "Enterprise", listing: false)
            return .choose(matches.candidates, .invalid("enterprise", zh: message.zh, en: message.en))
        }
    }

    /// The enterprise the attach form's select chose (it posts the id).
    static func chosenEnterprise(_ raw: String, on db: Database) async throws -> Enterprise {
        guard let id = Int(raw), let found = try await Enterprise.find(id, on: db) else {
            throw ValidationFailed([.invalid("enterprise", zh: "所选企业不存在，请重新查找", en: "The chosen enterprise does not exist")])
        }
        return found
    }
}

