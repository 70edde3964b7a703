import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Valid 统一社会信用代码 for tests: 17 characters and the check character the rule computes
/// (the rule itself is tested against published codes in EnterpriseIdentifierTests).
enum USCC {
    static func make(_ first17: String) -> String {
        precondition(first17.count == 17, first17)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    /// `91320214MA` + seven digits + check character: distinct, ascending codes.
    static func numbered(_ n: Int) -> String { make("91320214MA" + String(format: "%07d", n)) }

    /// The same code with a wrong check character, and the message that names the right one.
    static func withWrongCheck(_ code: String) -> (code: String, message: String) {
        let right = code.last!
        let wrong = right == "0" ? Character("1") : Character("0")
        return (String(code.dropLast()) + String(wrong), "校验位应为“\(right)”，实际为“\(wrong)”，请核对代码")
    }
}

extension APIClient {
    /// Registers an enterprise through the API and returns its id; fails the test unless it is 201.
    @discardableResult
    func createEnterprise(_ name: String, code: String, industry: String = "3976", unit: Int, aboveScale: Bool = false,
                          tier: String? = nil, file: StaticString = #filePath, line: UInt = #line) async throws -> Int {
        var body: [String: Any] = ["name": name, "creditCode": code, "industryCode": industry, "unitId": unit, "aboveScale": aboveScale]
        if let tier { body["tier"] = tier }
        let response = try await send(.POST, Site.API.enterprises, body: body)
        XCTAssertEqual(response.status, .created, response.text, file: file, line: line)
        return try XCTUnwrap(try object(response, file: file, line: line)["id"] as? Int, file: file, line: line)
    }
}

extension Probe {
    static func enterprise(_ app: Application, _ id: Int) async throws -> Enterprise {
        try Check.unwrap(try await Enterprise.find(id, on: app.db), "enterprise \(id) should exist")
    }

    /// Audit rows of one entity id (text, e.g. `12/2025-03` for a month's figures), oldest first.
    static func audits(_ app: Application, entity: String, entityID: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$entity == entity).filter(\.$entityID == entityID).sort(\.$id).all()
    }
}
