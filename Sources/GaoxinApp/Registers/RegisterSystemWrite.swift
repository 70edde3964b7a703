import Fluent
import Foundation
import GaoxinDomain

/// A record written by the system rather than a signed-in person — a demo row, `gaoxin
/// create-user` — read as an import row is and held to the same checks, audited under a name.
enum RegisterSystemWrite {
    static let system = Actor(userID: 0, username: "system", displayName: "系统", roles: [.admin], unitID: 0, unitPath: UnitPath(ids: []),
                              unitName: "", tokenReadOnly: nil)

    /// Each row's checked values, or the first failure of the first bad row.
    static func check(_ declaration: RegisterDeclaration, _ rows: [[String: String]], on db: Database) async throws -> Result<[RegisterValues], ValidationFailed> {
        let inputs = rows.enumerated().map { index, row in
            (RegisterInput.row(ImportRow(number: index + 2, values: row), declaration: declaration), RegisterRecord?.none)
        }
        var checked: [RegisterValues] = []
        for outcome in try await RegisterChecker.check(declaration, inputs, actor: system, on: db) {
            if !outcome.errors.isEmpty { return .failure(ValidationFailed(outcome.errors)) }
            checked.append(outcome.values)
        }
        return .success(checked)
    }

    /// Inserts checked values (secrets already hashed) with their audit row, inside the caller's transaction.
    static func insert(_ declaration: RegisterDeclaration, _ values: RegisterValues, by actorName: String, summaryZh: String, now: Date, on db: Database) async throws -> RegisterRecord {
        let id = try await RegisterStore.insert(declaration, values, now: now, on: db)
        let record = try await RegisterStore.find(declaration, id: id, on: db)!
        try await declaration.afterWrite?(nil, record, now, db)
        try await AuditLog.record(on: db, at: now, actor: nil, actorName: actorName, address: nil, action: .create, entity: declaration.entity,
                                  entityID: "\(id)", summary: "\(summaryZh)\(declaration.titleZh)“\(RegisterWrites.name(declaration, record))”",
                                  before: NoSnapshot?.none, after: RegisterDTO(declaration: declaration, record: record.forAudit))
        return record
    }
}
