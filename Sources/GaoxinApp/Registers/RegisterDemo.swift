import Fluent
import Foundation
import GaoxinDomain

/// Loads a declared register's demo rows through the import's checks, so demo data obeys the
/// same rules as a user's file (a bad demo row stops the seeding and names itself).
enum RegisterDemo {
    static func insert(_ declaration: RegisterDeclaration, on db: Database, now: Date) async throws {
        guard !declaration.demoRows.isEmpty else { return }
        for (index, row) in declaration.demoRows.enumerated() {
            switch try await RegisterSystemWrite.check(declaration, [row], on: db) {
            case .failure(let failed):
                throw AppError.badRequest("演示数据\(declaration.titleZh)第 \(index + 1) 行：\(failed.errors.first?.messageZh ?? "")")
            case .success(let values):
                _ = try await RegisterSystemWrite.insert(declaration, values[0], by: "演示数据", summaryZh: "载入演示", now: now, on: db)
            }
        }
    }
}
