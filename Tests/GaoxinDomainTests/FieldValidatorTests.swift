import GaoxinDomain
import XCTest

final class FieldValidatorTests: XCTestCase {
    func testRequiredTextIsTrimmedAndChecked() {
        var v = FieldValidator()
        XCTAssertEqual(v.requiredText("displayName", "  张三 \n", label: "姓名", labelEn: "Name"), "张三")
        XCTAssertTrue(v.isValid)
        XCTAssertEqual(v.requiredText("displayName", "   ", label: "姓名", labelEn: "Name"), "")
        XCTAssertEqual(v.requiredText("username", nil, label: "用户名", labelEn: "Username"), "")
        XCTAssertEqual(v.errors, [
            FieldError(field: "displayName", code: "required", zh: "请填写姓名", en: "Name is required"),
            FieldError(field: "username", code: "required", zh: "请填写用户名", en: "Username is required"),
        ])
    }

    func testMaximumLengthCountsCharactersNotBytes() {
        var v = FieldValidator()
        v.requiredText("name", "一二三四五", label: "名称", labelEn: "Name", max: 5)
        XCTAssertTrue(v.isValid, "five Chinese characters fit a limit of five")
        v.requiredText("name", "一二三四五六", label: "名称", labelEn: "Name", max: 5)
        XCTAssertEqual(v.errors, [FieldError(field: "name", code: "too_long", zh: "名称不能超过 5 个字符", en: "Name must be at most 5 characters")])
    }

    func testOptionalTextTurnsBlankIntoNil() {
        var v = FieldValidator()
        XCTAssertNil(v.optionalText("email", "  ", label: "邮箱", labelEn: "E-mail"))
        XCTAssertNil(v.optionalText("email", nil, label: "邮箱", labelEn: "E-mail"))
        XCTAssertEqual(v.optionalText("email", " a@b.cn ", label: "邮箱", labelEn: "E-mail"), "a@b.cn")
        XCTAssertTrue(v.isValid)
        XCTAssertEqual(v.optionalText("note", "abcdef", label: "备注", labelEn: "Note", max: 3), "abcdef")
        XCTAssertEqual(v.errors.map(\.code), ["too_long"])
    }

    func testCheckBuildsTheErrorOnlyWhenTheConditionFails() {
        var v = FieldValidator()
        var built = 0
        func make() -> FieldError { built += 1; return .invalid("code", zh: "编码无效", en: "Invalid code") }
        v.check(true, make())
        XCTAssertEqual(built, 0)
        XCTAssertTrue(v.isValid)
        v.check(false, make())
        XCTAssertEqual(built, 1)
        XCTAssertEqual(v.errors, [FieldError(field: "code", code: "invalid", zh: "编码无效", en: "Invalid code")])
    }

    func testThrowIfInvalidReportsEveryErrorInOrder() {
        var v = FieldValidator()
        XCTAssertNoThrow(try v.throwIfInvalid())
        v.requiredText("a", "", label: "甲", labelEn: "A")
        v.add(.invalid("b", zh: "乙无效", en: "B invalid"))
        v.requiredText("c", "toolong", label: "丙", labelEn: "C", max: 2)
        XCTAssertThrowsError(try v.throwIfInvalid()) { error in
            XCTAssertEqual((error as? ValidationFailed)?.errors.map(\.field), ["a", "b", "c"])
            XCTAssertEqual((error as? ValidationFailed)?.errors.map(\.code), ["required", "invalid", "too_long"])
        }
    }
}

final class ValidationCombiningTests: XCTestCase {
    func testParseFailuresReplaceTheirFieldsRuleFailuresAndOtherRulesStillReport() async throws {
        let parse = [FieldError.invalid("sortOrder", zh: "排序号应为整数", en: "whole number")]
        let combined = try await ValidationFailed.combining(parse) {
            throw ValidationFailed([.required("name", label: "名称", labelEn: "Name"), .invalid("sortOrder", zh: "超出范围", en: "range")])
        }
        XCTAssertEqual(combined.errors.map(\.field), ["sortOrder", "name"])
        XCTAssertEqual(combined.errors[0].messageZh, "排序号应为整数")
    }

    func testWhenTheRulesPassOnlyTheParseFailuresRemain() async throws {
        let parse = [FieldError.invalid("annualTarget", zh: "应为整数", en: "whole number")]
        let combined = try await ValidationFailed.combining(parse) {}
        XCTAssertEqual(combined.errors, parse)
    }
}
