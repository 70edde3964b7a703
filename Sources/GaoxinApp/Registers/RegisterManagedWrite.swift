import Fluent
import Foundation
import Vapor

/// A register's own action writing its `managed` fields (a statistic's review, a confirmation):
/// the new values, derived fields recomputed, the update and its audit row in one transaction.
/// The caller has checked who may act and what may change.
enum RegisterManagedWrite {
    static func apply(_ declaration: RegisterDeclaration, _ record: RegisterRecord, changes: RegisterValues, removing: [String] = [],
                      summary: String, _ req: Request) async throws -> RegisterRecord {
        var values = record.values
        for (key, value) in changes { values[key] = value }
        for key in removing { values[key] = nil }
        declaration.derive?(&values)
        try await req.db.transaction { tx in
            try await RegisterStore.update(declaration, id: record.id, values, now: req.now, on: tx)
            let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
            try await declaration.afterWrite?(record, after, req.now, tx)
            try await AuditLog.record(req, on: tx, action: .update, entity: declaration.entity, entityID: "\(record.id)", summary: summary,
                                      before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
        }
        return try await RegisterStore.find(declaration, id: record.id, today: DisplayFormat.day(req.now), on: req.db)!
    }
}
