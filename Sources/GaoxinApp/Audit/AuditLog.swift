import Fluent
import Foundation
import SQLKit
import Vapor

/// The write path's audit: called inside the same transaction as the change it records.
enum AuditLog {
    enum Action: String, CaseIterable {
        case create, update, delete, move, deactivate, reactivate, importRows = "import", signIn = "sign_in", signInFailed = "sign_in_failed", lockOut = "lock_out", tokenCreate = "token_create", tokenRevoke = "token_revoke", passwordChange = "password_change", restore

        var nameZh: String {
            switch self {
            case .create: return "新建"
            case .update: return "修改"
            case .delete: return "删除"
            case .move: return "移动"
            case .deactivate: return "停用"
            case .reactivate: return "启用"
            case .importRows: return "导入"
            case .signIn: return "登录"
            case .signInFailed: return "登录失败"
            case .lockOut: return "锁定"
            case .tokenCreate: return "创建令牌"
            case .tokenRevoke: return "吊销令牌"
            case .passwordChange: return "修改密码"
            case .restore: return "恢复备份"
            }
        }

        var nameEn: String {
            switch self {
            case .create: return "Create"
            case .update: return "Update"
            case .delete: return "Delete"
            case .move: return "Move"
            case .deactivate: return "Deactivate"
            case .reactivate: return "Reactivate"
            case .importRows: return "Import"
            case .signIn: return "Sign-in"
            case .signInFailed: return "Failed sign-in"
            case .lockOut: return "Lock-out"
            case .tokenCreate: return "Create token"
            case .tokenRevoke: return "Revoke token"
            case .passwordChange: return "Change password"
            case .restore: return "Restore backup"
            }
        }
    }

    /// JSON of a snapshot with sorted keys, so before/after diff cleanly.
    static func json<T: Encodable>(_ value: T?) -> String? {
        guard let value else { return nil }
        // A register record (most audit rows, and every imported one) is written directly.
        if let record = value as? RegisterDTO { return RegisterJSONText.object(record) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func record<Before: Encodable, After: Encodable>(
        on db: Database, at: Date, actor: Actor?, actorName: String? = nil, address: String?,
        action: Action, entity: String, entityID: String, summary: String,
        before: Before?, after: After?
    ) async throws {
        let entry = Self.entry(at: at, actor: actor, actorName: actorName, address: address, action: action, entity: entity,
                               entityID: entityID, summary: summary, before: before, after: after)
        // An update that changed nothing (e.g. an empty PATCH) is not a change to record.
        if action == .update, entry.beforeJSON != nil, entry.beforeJSON == entry.afterJSON { return }
        try await entry.create(on: db)
    }

    /// Inserts many audit rows in multi-row statements of plain SQL: Fluent's batch create
    /// reflects over every model's properties, a tenth of a large import's time.
    static func insert(_ entries: [AuditEntry], on db: Database) async throws {
        var values: [BulkValue] = []
        values.reserveCapacity(entries.count * insertion.columns.count)
        for entry in entries {
            values += [BulkValue(entry.at), BulkValue(entry.actorID), BulkValue(entry.actorName), BulkValue(entry.action), BulkValue(entry.entity),
                       BulkValue(entry.entityID), BulkValue(entry.summary), BulkValue(entry.beforeJSON), BulkValue(entry.afterJSON), BulkValue(entry.address)]
        }
        try await insertion.run(values, on: db as! any SQLDatabase)
    }

    private static let insertion = BulkInsert(into: AuditEntry.schema, columns: ["at", "actor_id", "actor_name", "action", "entity", "entity_id",
                                                                                 "summary", "before_json", "after_json", "address"], rowsPerStatement: 300)

    /// An audit row not yet written: bulk writers insert many in one statement.
    static func entry<Before: Encodable, After: Encodable>(
        at: Date, actor: Actor?, actorName: String? = nil, address: String?,
        action: Action, entity: String, entityID: String, summary: String, before: Before?, after: After?
    ) -> AuditEntry {
        let entry = AuditEntry()
        entry.at = at
        entry.actorID = actor?.userID
        entry.actorName = actorName ?? actor.map { "\($0.displayName)（\($0.username)）" } ?? "系统"
        entry.action = action.rawValue
        entry.entity = entity
        entry.entityID = entityID
        entry.summary = summary
        entry.beforeJSON = json(before)
        entry.afterJSON = json(after)
        entry.address = address
        return entry
    }

    /// Convenience for the common case inside a request.
    static func record<Before: Encodable, After: Encodable>(
        _ req: Request, on db: Database, action: Action, entity: String, entityID: String,
        summary: String, before: Before?, after: After?
    ) async throws {
        try await record(on: db, at: req.now, actor: req.actor, address: req.clientAddress, action: action,
                         entity: entity, entityID: entityID, summary: summary, before: before, after: after)
    }
}

/// A stand-in for "no snapshot" where a generic parameter needs a concrete type.
struct NoSnapshot: Encodable {}
