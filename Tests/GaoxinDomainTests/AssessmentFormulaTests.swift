import GaoxinDomain
import XCTest

/// 考核 formulas as data: arithmetic over named metrics, written as Chinese text is typed, every
/// mistake refused with its place, a division by zero counting 0.
final class AssessmentFormulaTests: XCTestCase {
    let metrics: Set<String> = ["签约总投资", "目标签约总投资", "滞后项目数", "超10亿元项目数"]

    func value(_ text: String, _ values: [String: Double]) throws -> Double {
        try AssessmentFormula.parse(text, metrics: metrics).evaluate(values)
    }

    func testArithmeticWithPrecedenceBracketsAndChineseSigns() throws {
        XCTAssertEqual(try value("1 + 2 * 3", [:]), 7)
        XCTAssertEqual(try value("(1 + 2) × 3", [:]), 9)
        XCTAssertEqual(try value("（1 ＋ 2）÷ 4", [:]), 0.75)
        XCTAssertEqual(try value("10 − 2 − 3", [:]), 5, "left to right")
        XCTAssertEqual(try value("-2 × -3", [:]), 6)
        XCTAssertEqual(try value("签约总投资 ÷ 目标签约总投资 × 50", ["签约总投资": 150_000, "目标签约总投资": 200_000]), 37.5)
        XCTAssertEqual(try value("min(签约总投资 ÷ 目标签约总投资, 1.2) × 40", ["签约总投资": 500, "目标签约总投资": 100]), 48)
        XCTAssertEqual(try value("max(−2 × 滞后项目数, −10)", ["滞后项目数": 7]), -10)
        XCTAssertEqual(try value("MIN(3，1，2)", [:]), 1, "full-width comma, any case")
    }

    func testADivisionByZeroCountsZero() throws {
        XCTAssertEqual(try value("签约总投资 ÷ 目标签约总投资 × 50", ["签约总投资": 150_000]), 0)
    }

    func testTheMetricsItReads() throws {
        XCTAssertEqual(try AssessmentFormula.parse("超10亿元项目数 × 5 + min(签约总投资, 1)", metrics: metrics).metrics, ["超10亿元项目数", "签约总投资"])
    }

    func testMistakesAreRefusedWithTheirPlace() {
        func message(_ text: String) -> String? {
            do { _ = try AssessmentFormula.parse(text, metrics: metrics); return nil } catch let error as AssessmentFormula.ParseError { return error.messageZh } catch { return "\(error)" }
        }
        XCTAssertEqual(message("签约总投资 ÷ 目标签约额 × 50"), "公式第 9 个字符处：未知指标“目标签约额”")
        XCTAssertEqual(message(""), "公式不能为空")
        XCTAssertEqual(message("(1 + 2"), "公式第 7 个字符处：缺少右括号")
        XCTAssertEqual(message("1 +"), "公式第 4 个字符处：公式不完整")
        XCTAssertEqual(message("1 2"), "公式第 3 个字符处：多余的“2”")
        XCTAssertEqual(message("50%"), "公式第 3 个字符处：多余的“%”")
        XCTAssertEqual(message("min 1"), "公式第 5 个字符处：min 后应有括号")
        XCTAssertEqual(message("1..2"), "公式第 1 个字符处：“1..2”不是数字")
    }
}
