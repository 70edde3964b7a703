import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// Moving a unit and its subtree under another parent (or to the top): the one way a unit's
/// 上级单位 changes. Checked and written in one transaction under the tree lock
/// (`RegisterTreeStore.move`), audited as a move with the unit before and after.
enum UnitMove {
    static let declaration = RegisterDeclaration.units

    /// Returns the unit as it is after the move (unchanged, and not audited, when it is already there).
    static func move(_ record: RegisterRecord, to parentID: Int?, _ req: Request) async throws -> RegisterRecord {
        try await req.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let before = try await RegisterTreeStore.move(declaration, declaration.tree!, id: record.id, to: parentID, now: req.now, on: sql) else { return record }
            let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
            try await AuditLog.record(req, on: tx, action: .move, entity: declaration.entity, entityID: "\(record.id)",
                                      summary: "移动单位“\(RegisterWrites.name(declaration, after))”",
                                      before: RegisterDTO(declaration: declaration, record: before.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
            return after
        }
    }

    static func page(_ req: Request) async throws -> Response {
        let pages = RegisterPages(declaration: declaration)
        let record = try await pages.find(req)
        let raw = (try? req.content.get(String.self, at: "parentId")) ?? ""
        let parentID = raw.isEmpty ? nil : Int(raw)
        if !raw.isEmpty, parentID == nil { throw AppError.badRequest("上级单位无效", field: "parentId") }
        do {
            _ = try await move(record, to: parentID, req)
            return .redirect(declaration.path(record.id) + "?notice=moved")
        } catch let failed as ValidationFailed {
            let form = try await UnitSections.moveForm(req, record, errors: failed.errors)
            return try await pages.show(req, record: record, redrawn: .init(name: UnitSections.moveName, draw: form), status: .unprocessableEntity)
        }
    }

    static func api(_ req: Request) async throws -> Response {
        let record = try await RegisterPages(declaration: declaration).find(req)
        let input = try APIBody.decode(UnitMoveInput.self, req)
        return try .json(RegisterDTO(declaration: declaration, record: try await move(record, to: input.parentId, req)))
    }
}

/// Where to move a unit: `parentId` must be present, `null` making it a top-level unit, so that
/// an empty body cannot move a unit to the top by accident.
struct UnitMoveInput: Content, APISchema {
    var parentId: Int?

    init(parentId: Int?) { self.parentId = parentId }

    enum CodingKeys: String, CodingKey { case parentId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.parentId) else {
            throw DecodingError.keyNotFound(CodingKeys.parentId, .init(codingPath: [], debugDescription: "parentId is required (null for the top level)"))
        }
        parentId = try container.decode(Int?.self, forKey: .parentId)
    }

    static let schemaName = "UnitMoveInput"
    static var openAPISchema: JSONSchema {
        .object(properties: ["parentId": .integer(required: true, nullable: true, minimum: (1, exclusive: false))])
    }
}
