import Foundation
import GaoxinDomain
import Vapor

/// Writes an application from the public form through the register's one validation path — the
/// credit code's check character, the phone, one application per code and scenario, the scenario
/// still open — numbered `SQ-日期-随机`, with its audit row naming the applicant and address.
enum ScenarioApplicationIntake {
    /// Who the checks see: no roles, no unit — a visitor owns nothing and sets nothing but the form.
    static let visitor = Actor(userID: 0, username: "public", displayName: "公开申请", roles: [], unitID: 0, unitPath: UnitPath(ids: []),
                               unitName: "", tokenReadOnly: nil)

    static func code(_ now: Date) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRTUWXY0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "SQ-" + DisplayFormat.day(now).replacingOccurrences(of: "-", with: "") + "-" + suffix
    }

    static func write(scenarioID: Int, form: [String: String], _ req: Request) async throws -> String {
        let declaration = RegisterDeclaration.scenarioApplications
        var input = RegisterInput(source: .form)
        for key in PublicPages.formKeys { input.texts[key] = form[key] ?? "" }
        let code = code(req.now)
        input.texts["code"] = code
        input.texts["scenarioId"] = String(scenarioID)
        input.texts["status"] = "submitted"
        input.texts["fromPublic"] = "1"
        let outcome = try await RegisterChecker.check(declaration, [(input, nil)], actor: visitor, on: req.db)[0]
        guard outcome.errors.isEmpty else { throw ValidationFailed(outcome.errors) }
        let company = outcome.values["companyName"]?.text ?? ""
        try await req.db.transaction { tx in
            let id = try await RegisterStore.insert(declaration, outcome.values, now: req.now, on: tx)
            let record = try await RegisterStore.find(declaration, id: id, on: tx)!
            try await AuditLog.record(on: tx, at: req.now, actor: nil, actorName: "公开申请（\(company)）", address: req.clientAddress, action: .create,
                                      entity: declaration.entity, entityID: "\(id)", summary: "公开页面提交揭榜申请“\(code)”",
                                      before: NoSnapshot?.none, after: RegisterDTO(declaration: declaration, record: record))
        }
        return code
    }
}
