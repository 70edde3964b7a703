import GaoxinDomain
import XCTest

final class RoleSetTests: XCTestCase {
    /// All 64 combinations of the six roles.
    var allSubsets: [Set<Role>] {
        (0..<(1 << Role.allCases.count)).map { mask in
            Set(Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
        }
    }

    func testEncodingIsSortedCodesBetweenCommas() {
        XCTAssertEqual(RoleSet.encode([]), "")
        XCTAssertEqual(RoleSet.encode([.office]), ",office,")
        XCTAssertEqual(RoleSet.encode([.auditor, .unit, .admin]), ",admin,unit,auditor,", "in the order of Role.allCases")
    }

    func testDecodingIgnoresUnknownCodesAndEmptyParts() {
        XCTAssertEqual(RoleSet.decode(",admin,unit,"), [.admin, .unit])
        XCTAssertEqual(RoleSet.decode(""), [])
        XCTAssertEqual(RoleSet.decode(",,bogus,office,,"), [.office])
        XCTAssertEqual(RoleSet.decode("leader"), [.leader])
    }

    func testEverySubsetRoundTripsAndMatchesTheLikeFilter() {
        XCTAssertEqual(allSubsets.count, 64)
        for roles in allSubsets {
            let encoded = RoleSet.encode(roles)
            XCTAssertEqual(RoleSet.decode(encoded), roles, encoded)
            for role in Role.allCases {
                // The list filter is `roles LIKE '%,<role>,%'`: it must match exactly the holders.
                XCTAssertEqual(encoded.contains(",\(role.rawValue),"), roles.contains(role), "\(encoded) / \(role)")
            }
        }
    }

    func testRolesParseFromCodesAndNames() {
        XCTAssertEqual(Role(codeOrName: "office"), .office)
        XCTAssertEqual(Role(codeOrName: " OFFICE "), .office)
        XCTAssertEqual(Role(codeOrName: "集群办"), .office)
        XCTAssertEqual(Role(codeOrName: "系统管理员"), .admin)
        XCTAssertEqual(Role(codeOrName: "Cluster office"), .office)
        XCTAssertEqual(Role(codeOrName: "auditor"), .auditor)
        XCTAssertEqual(Role(codeOrName: "审计"), .auditor)
        XCTAssertNil(Role(codeOrName: "boss"))
        XCTAssertNil(Role(codeOrName: ""))
        for role in Role.allCases {
            XCTAssertEqual(Role(codeOrName: role.nameZh), role)
            XCTAssertEqual(Role(codeOrName: role.nameEn), role)
        }
    }

    func testRolesSortInDeclarationOrder() {
        XCTAssertEqual(Role.allCases.shuffled().sorted(), Role.allCases)
        XCTAssertLessThan(Role.admin, Role.auditor)
    }
}
