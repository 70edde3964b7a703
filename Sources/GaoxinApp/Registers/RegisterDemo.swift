import Fluent
import Foundation
import GaoxinDomain

/// Loads a declared register's demo rows through the import's checks, so demo data obeys the
/// same rules as a user's file (a bad demo row stops the seeding and names itself).
enum RegisterDemo {
    static func insert(_ declaration: RegisterDeclaration, on db: Database, now: Date) async throws {
        guard !declaration.demoRows.isEmpty else { return }
        let system = Actor(userID: 0, username: "demo", displayName: "演示数据", roles: [.admin], unitID: 0, unitPath: UnitPath(ids: []),
                           unitName: "", tokenReadOnly: nil)
        let inputs = declaration.demoRows.enumerated().map { index, row in
            (RegisterInput.row(ImportRow(number: index + 2, values: row), declaration: declaration), RegisterRecord?.none)
        }
        let outcomes = try await RegisterChecker.check(declaration, inputs, actor: system, on: db)
        for (index, outcome) in outcomes.enumerated() {
            if let error = outcome.errors.first { throw AppError.badRequest("演示数据\(declaration.titleZh)第 \(index + 1) 行：\(error.messageZh)") }
            let id = try await RegisterStore.insert(declaration, outcome.values, now: now, on: db)
            let record = try await RegisterStore.find(declaration, id: id, on: db)!
            try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: declaration.entity,
                                      entityID: "\(id)", summary: "载入演示\(declaration.titleZh)“\(RegisterWrites.name(declaration, record))”",
                                      before: NoSnapshot?.none, after: RegisterDTO(declaration: declaration, record: record))
        }
    }
}
