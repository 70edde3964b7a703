import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// What an enterprise's own sections and actions read: the enterprise of the address, its
/// months, its chain nodes and its qualifications, and whether the actor keeps it.
enum EnterpriseQueries {
    static func find(_ req: Request) async throws -> Enterprise {
        guard let id = req.parameters.get("id", as: Int.self), let enterprise = try await Enterprise.find(id, on: req.db) else {
            throw AppError.notFound("该企业")
        }
        return enterprise
    }

    /// The unit role may change only what its unit or subtree keeps (SPEC §5): the register's own rule.
    static func requireOwnership(_ enterprise: Enterprise, actor: Actor, on db: Database) async throws {
        guard let unit = try await OrgUnit.find(enterprise.unitID, on: db), let path = unit.unitPath, actor.owns(path) else {
            throw AppError.forbidden
        }
    }

    /// The enterprise's months, newest first.
    static func indicators(of enterpriseID: Int, on db: Database, limit: Int = 120) async throws -> [EnterpriseIndicator] {
        try await EnterpriseIndicator.query(on: db).filter(\.$enterpriseID == enterpriseID).sort(\.$period, .descending).limit(limit).all()
    }

    struct NodeLink: Decodable, Sendable { var chainId: Int; var chainName: String; var nodeName: String }

    /// The chain nodes the enterprise is attached to (one lineage: enterprise → chain → cluster).
    static func chainNodes(of enterpriseID: Int, on db: Database) async throws -> [NodeLink] {
        try await (db as! any SQLDatabase).raw("""
            SELECT c.id AS chain_id, c.name AS chain_name, n.name AS node_name
            FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id JOIN chains c ON c.id = n.chain_id
            WHERE ne.enterprise_id = \(bind: enterpriseID) ORDER BY c.name, n.sort_order, n.id
            """).all(decoding: NodeLink.self, with: ListRunner.decoder)
    }

    static func qualifications(of enterpriseID: Int, on db: Database) async throws -> [EnterpriseQualification] {
        try await EnterpriseQualification.query(on: db).filter(\.$enterpriseID == enterpriseID).sort(\.$grantedOn, .descending).sort(\.$id).all()
    }
}

extension Enterprise {
    /// The enterprise as its declared register's record, for the audit snapshot of a write made
    /// outside the register's own (a chain-leader decision, a bulk import, the demo): the same
    /// JSON an edit's audit row holds.
    func record(unitName: String?) -> RegisterRecord {
        var values: RegisterValues = ["creditCode": .text(creditCode), "name": .text(name), "industryCode": .text(industryCode),
                                      "unitId": .integer(Int64(unitID)), "aboveScale": .flag(aboveScale)]
        values["tier"] = tier.map(RegisterValue.text)
        values["address"] = address.map(RegisterValue.text)
        values["note"] = note.map(RegisterValue.text)
        return RegisterRecord(id: id ?? 0, active: active, values: values, referenceNames: ["unitId": [unitName ?? "#\(unitID)"]])
    }

    func snapshot(unitName: String?) -> RegisterDTO { RegisterDTO(declaration: .enterprises, record: record(unitName: unitName)) }
}
