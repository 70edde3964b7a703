@testable import GaoxinDomain
import XCTest

final class PasswordPolicyTests: XCTestCase {
    let policy = PasswordPolicy()

    func testLengthIsCountedInCharactersWithTenAsTheMinimum() {
        XCTAssertEqual(policy.violation(password: "Qh7-vb2-Lm", username: "zhangwei"), nil, "10 characters are enough")
        XCTAssertEqual(policy.violation(password: "Qh7-vb2-L", username: "zhangwei"), .tooShort(minimum: 10))
        XCTAssertEqual(policy.violation(password: "", username: "zhangwei"), .tooShort(minimum: 10))
        XCTAssertEqual(policy.violation(password: "春眠不觉晓处处闻啼鸟", username: "zhangwei"), nil, "10 Chinese characters")
        XCTAssertEqual(policy.violation(password: "春眠不觉晓处处闻啼", username: "zhangwei"), .tooShort(minimum: 10))
        XCTAssertEqual(PasswordPolicy(minimumLength: 12).violation(password: "Qh7-vb2-Lm-x", username: "zw"), nil)
        XCTAssertEqual(PasswordPolicy(minimumLength: 12).violation(password: "Qh7-vb2-Lm-", username: "zw"), .tooShort(minimum: 12))
    }

    func testPasswordMayNotBeOrContainTheUsernameInAnyCase() {
        XCTAssertEqual(policy.violation(password: "zhangwei2024", username: "zhangwei2024"), .sameAsUsername)
        XCTAssertEqual(policy.violation(password: "ZHANGWEI2024", username: "zhangwei2024"), .sameAsUsername)
        XCTAssertEqual(policy.violation(password: "my-ZhangWei-pw", username: "zhangwei"), .sameAsUsername)
        XCTAssertEqual(policy.violation(password: "my-zhangwei-pw", username: " ZhangWei "), .sameAsUsername, "the username is trimmed and lower-cased")
        XCTAssertEqual(policy.violation(password: "my-zhang-wei-pw", username: "zhangwei"), nil)
        XCTAssertEqual(policy.violation(password: "Qh7-vb2-Lm-x", username: ""), nil, "no username: nothing to compare")
    }

    func testTooShortIsReportedBeforeTheOtherRules() {
        XCTAssertEqual(policy.violation(password: "admin", username: "admin"), .tooShort(minimum: 10))
    }

    func testEveryListedCommonPasswordIsRefusedWhateverItsCase() {
        XCTAssertFalse(PasswordPolicy.common.isEmpty)
        for password in PasswordPolicy.common where password.count >= 10 {
            XCTAssertEqual(policy.violation(password: password, username: "x-unrelated-user"), .tooCommon, password)
            XCTAssertEqual(policy.violation(password: password.uppercased(), username: "x-unrelated-user"), .tooCommon, password)
        }
        XCTAssertEqual(policy.violation(password: "Woaini1314", username: "zw"), .tooCommon)
    }

    func testRepeatedCharactersAndRunsAreTooCommon() {
        for password in ["aaaaaaaaaaaa", "0000000000", "👍👍👍👍👍👍👍👍👍👍", "abcdefghijkl", "3456789:;<", "zyxwvutsrq", "9876543210"] {
            XCTAssertEqual(policy.violation(password: password, username: "zw"), .tooCommon, password)
        }
        XCTAssertEqual(policy.violation(password: "aaaaaaaaab", username: "zw"), nil, "not quite a run")
        XCTAssertEqual(policy.violation(password: "abcdefghik", username: "zw"), nil)
    }

    func testViolationsCarryStableCodesAndChineseMessages() {
        XCTAssertEqual(PasswordPolicy.Violation.tooShort(minimum: 10).code, "password_too_short")
        XCTAssertEqual(PasswordPolicy.Violation.tooShort(minimum: 10).messageZh, "密码至少需要 10 个字符")
        XCTAssertEqual(PasswordPolicy.Violation.sameAsUsername.code, "password_is_username")
        XCTAssertEqual(PasswordPolicy.Violation.sameAsUsername.messageZh, "密码不能与用户名相同或包含用户名")
        XCTAssertEqual(PasswordPolicy.Violation.tooCommon.code, "password_too_common")
        XCTAssertEqual(PasswordPolicy.Violation.tooCommon.messageZh, "密码过于常见，请换一个更难猜的密码")
        XCTAssertTrue(PasswordPolicy.Violation.tooShort(minimum: 12).messageEn.contains("12"))
    }
}
