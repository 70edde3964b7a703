import GaoxinDomain
import XCTest

/// Names are one line of visible text; notes may break lines but carry no other control characters.
final class ControlCharacterTests: XCTestCase {
    func testANameWithAControlCharacterIsRefused() {
        for name in ["\u{87}\u{90}B", "集成电路\u{0}", "新吴\n区", "甲\t乙", "企业\u{202E}司公"] {
            var v = FieldValidator()
            _ = v.requiredText("name", name, label: "单位名称", labelEn: "Name")
            XCTAssertEqual(v.errors.map(\.field), ["name"], name.debugDescription)
            XCTAssertEqual(v.errors.first?.messageZh, "单位名称应为一行文字，不能含换行或不可见的控制字符")
        }
        var fine = FieldValidator()
        XCTAssertEqual(fine.requiredText("name", "  无锡高新区（新吴区）\u{3000}", label: "单位名称", labelEn: "Name"), "无锡高新区（新吴区）")
        XCTAssertTrue(fine.isValid, "full-width spaces are trimmed, brackets are text")
    }

    func testNotesAndReasonsKeepLineBreaksButNotOtherControls() {
        var v = FieldValidator()
        XCTAssertEqual(v.optionalText("note", "第一行\r\n第二行\t完", label: "备注", labelEn: "Note"), "第一行\r\n第二行\t完")
        XCTAssertEqual(v.requiredText("reason", "营收第一\n专利第二", label: "决定理由", labelEn: "Reason", multiline: true), "营收第一\n专利第二")
        XCTAssertTrue(v.isValid)
        _ = v.optionalText("note", "响铃\u{7}", label: "备注", labelEn: "Note")
        XCTAssertEqual(v.errors.first?.messageZh, "备注含有不可见的控制字符，请删除后重试")
    }
}
