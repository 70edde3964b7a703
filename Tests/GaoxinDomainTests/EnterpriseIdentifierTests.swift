import GaoxinDomain
import XCTest

/// The identifiers of the enterprise register: 统一社会信用代码 (SPEC §2.3: alphabet, weights and
/// check character), GB/T 4754-2017 industry codes, monthly periods and tiers.
final class EnterpriseIdentifierTests: XCTestCase {
    /// A code of the Fuzhou register, widely published as an example; its check character was
    /// checked independently of this code against the SPEC formula (Σ cᵢ·wᵢ = 1640, 1640 mod 31 = 28, 31 − 28 = 3 → "3").
    static let published = "91350100M000100Y43"
    /// Huawei Technologies Co., Ltd. (Shenzhen), as printed on its business licence.
    static let huawei = "914403001922038216"

    private func code(_ raw: String, file: StaticString = #filePath, line: UInt = #line) -> CreditCode? {
        switch CreditCode.parse(raw) {
        case .success(let code): return code
        case .failure(let problem):
            XCTFail("\(raw) should be valid: \(problem.messageZh)", file: file, line: line)
            return nil
        }
    }

    private func problem(_ raw: String, file: StaticString = #filePath, line: UInt = #line) -> CreditCode.Problem? {
        switch CreditCode.parse(raw) {
        case .success(let code):
            XCTFail("\(raw) should be refused, parsed as \(code)", file: file, line: line)
            return nil
        case .failure(let problem): return problem
        }
    }

    // MARK: Credit code

    func testTheWeightsAreThePowersOfThreeModulo31() {
        var power = 1
        var expected: [Int] = []
        for _ in 1...17 {
            expected.append(power)
            power = power * 3 % 31
        }
        XCTAssertEqual(CreditCode.weights, expected)
        XCTAssertEqual(CreditCode.weights, [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], "the SPEC's list")
        XCTAssertEqual(String(CreditCode.alphabet), "0123456789ABCDEFGHJKLMNPQRTUWXY")
        for letter in "IOSVZ" { XCTAssertFalse(CreditCode.alphabet.contains(letter), "\(letter) is not in the alphabet") }
    }

    func testPublishedCodesAreValid() {
        XCTAssertEqual(code(Self.published)?.value, Self.published)
        XCTAssertEqual(code(Self.huawei)?.value, Self.huawei)
        XCTAssertEqual(CreditCode.checkCharacter(for: String(Self.published.prefix(17))), "3")
        XCTAssertEqual(CreditCode.checkCharacter(for: String(Self.huawei.prefix(17))), "6")
    }

    func testACodeWithAComputedCheckCharacterIsValidAndOnlyThatCharacterIs() throws {
        for first17 in ["91320214MA1XYU000", "12100000400010398P", "000000000000000000", "Y1320214MA1XYU000"].map({ String($0.prefix(17)) }) {
            let check = try XCTUnwrap(CreditCode.checkCharacter(for: first17), first17)
            XCTAssertEqual(code(first17 + String(check))?.value, first17 + String(check))
            for other in CreditCode.alphabet where other != check {
                XCTAssertEqual(problem(first17 + String(other)), .checkCharacter(expected: check, found: other), "\(first17)\(other)")
            }
        }
        // Σ = 0 gives check index (31 − 0) mod 31 = 0, not 31.
        XCTAssertEqual(CreditCode.checkCharacter(for: String(repeating: "0", count: 17)), "0")
        XCTAssertNil(CreditCode.checkCharacter(for: "9135010"), "17 characters are needed")
        XCTAssertNil(CreditCode.checkCharacter(for: "91350100I000100Y4"), "a forbidden letter has no check character")
    }

    /// With 31 prime and every weight non-zero, changing any one of the first 17 characters
    /// changes the check character: every single-character typo is caught.
    func testEverySingleCharacterTypoIsCaught() {
        let original = Array(Self.published)
        for position in 0..<17 {
            for replacement in CreditCode.alphabet where replacement != original[position] {
                var typo = original
                typo[position] = replacement
                guard case .failure(.checkCharacter(let expected, let found)) = CreditCode.parse(String(typo)) else {
                    XCTFail("\(String(typo)) (position \(position + 1) → \(replacement)) was not caught")
                    continue
                }
                XCTAssertEqual(found, "3")
                XCTAssertNotEqual(expected, "3")
            }
        }
    }

    func testWrongLengthIsRefusedWithTheCount() {
        XCTAssertEqual(problem(String(Self.published.dropLast())), .length(17))
        XCTAssertEqual(problem(Self.published + "0"), .length(19))
        XCTAssertEqual(problem(""), .length(0))
        XCTAssertEqual(problem("   "), .length(0), "spaces alone are no code")
        XCTAssertEqual(CreditCode.Problem.length(17).messageZh, "统一社会信用代码应为 18 位，实际为 17 位")
        XCTAssertEqual(CreditCode.Problem.length(17).messageEn, "A credit code has 18 characters, not 17")
    }

    func testTheFiveForbiddenLettersAreRefusedWithTheirPosition() {
        for letter in "IOSVZ" {
            var characters = Array(Self.published)
            characters[8] = letter // the "M" (position 9)
            XCTAssertEqual(problem(String(characters)), .character(letter, position: 9), "\(letter)")
        }
        XCTAssertEqual(problem("91350100M000100Y4Z"), .character("Z", position: 18), "the check character comes from the alphabet too")
        XCTAssertEqual(problem("91350100_000100Y43"), .character("_", position: 9))
        XCTAssertEqual(problem("91350100·000100Y43"), .character("·", position: 9), "a middle dot is not a separator")
        XCTAssertEqual(CreditCode.Problem.character("I", position: 9).messageZh,
                       "第 9 位“I”不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 外的大写字母）")
    }

    func testAWrongCheckCharacterNamesTheExpectedOne() {
        let wrong = problem("91350100M000100Y44")
        XCTAssertEqual(wrong, .checkCharacter(expected: "3", found: "4"))
        XCTAssertEqual(wrong?.messageZh, "校验位应为“3”，实际为“4”，请核对代码")
        XCTAssertEqual(wrong?.messageEn, "Check character should be 3, found 4")
        XCTAssertEqual(problem("914403001922038217")?.messageZh, "校验位应为“6”，实际为“7”，请核对代码")
    }

    func testLowerCaseAndSurroundingSpacesAreAcceptedAndNormalised() {
        XCTAssertEqual(code("91350100m000100y43")?.value, Self.published)
        XCTAssertEqual(code("  91350100M000100Y43\t")?.value, Self.published)
        XCTAssertEqual(code("91350100m000100y43")?.description, Self.published)
        XCTAssertEqual(code("91350100m000100y43"), code(Self.published), "one code whatever the case typed")
        XCTAssertEqual(problem("91350100m000100y44"), .checkCharacter(expected: "3", found: "4"), "the check applies after upper-casing")
    }

    /// Codes as documents print them: in groups separated by spaces or hyphens, or typed with a
    /// Chinese input method in full width. All are one code, stored compact (issue 9.3).
    func testCodesPrintedInGroupsOrFullWidthAreAcceptedAndStoredCompact() {
        for printed in ["91 350100 M000100Y43", "91-350100-M000100Y43", "91 350100 m000100y43", "91\u{3000}350100\u{00A0}M000100Y43",
                        "91–350100—M000100Y43", "91－350100－M000100Y43", "９１３５０１００Ｍ０００１００Ｙ４３", "  91 35 01 00 M0 00 10 0Y 43 "] {
            XCTAssertEqual(code(printed)?.value, Self.published, printed)
        }
        XCTAssertEqual(CreditCode.compact("91 350100-m000100y43"), Self.published)
        XCTAssertEqual(problem("91 350100 M000100Y4"), .length(17), "the length counts the code's own characters, not the separators")
        XCTAssertEqual(problem("91 350100 M000100Y44"), .checkCharacter(expected: "3", found: "4"), "separators do not hide a wrong check character")
    }

    // MARK: Industry code

    private func industry(_ raw: String, file: StaticString = #filePath, line: UInt = #line) -> IndustryCode? {
        switch IndustryCode.parse(raw) {
        case .success(let code): return code
        case .failure(let problem):
            XCTFail("\(raw) should be valid: \(problem.messageZh)", file: file, line: line)
            return nil
        }
    }

    private func industryProblem(_ raw: String, file: StaticString = #filePath, line: UInt = #line) -> IndustryCode.Problem? {
        switch IndustryCode.parse(raw) {
        case .success(let code):
            XCTFail("\(raw) should be refused, parsed as \(code)", file: file, line: line)
            return nil
        case .failure(let problem): return problem
        }
    }

    func testIndustryCodesAreKeptAsTheirDigitsWithASectionLetterAccepted() {
        for (raw, digits, level) in [("3976", "3976", 4), ("C3976", "3976", 4), ("c3976", "3976", 4), ("39", "39", 2), ("c39", "39", 2),
                                     ("397", "397", 3), (" 6510 ", "6510", 4), ("I6510", "6510", 4), ("0111", "0111", 4)] {
            let parsed = industry(raw)
            XCTAssertEqual(parsed?.digits, digits, raw)
            XCTAssertEqual(parsed?.level, level, raw)
        }
        XCTAssertEqual(industry("C3976"), industry("3976"))
        XCTAssertEqual(industry("3976")?.section, "C")
        XCTAssertEqual(industry("6510")?.section, "I")
    }

    func testTheSectionOfEveryDivisionFollowsGBT4754() {
        let boundaries: [(Int, Character?)] = [
            (0, nil), (1, "A"), (5, "A"), (6, "B"), (12, "B"), (13, "C"), (43, "C"), (44, "D"), (46, "D"), (47, "E"), (50, "E"),
            (51, "F"), (52, "F"), (53, "G"), (60, "G"), (61, "H"), (62, "H"), (63, "I"), (65, "I"), (66, "J"), (69, "J"),
            (70, "K"), (71, "L"), (72, "L"), (73, "M"), (75, "M"), (76, "N"), (79, "N"), (80, "O"), (82, "O"), (83, "P"),
            (84, "Q"), (85, "Q"), (86, "R"), (90, "R"), (91, "S"), (96, "S"), (97, "T"), (98, nil), (99, nil),
        ]
        for (division, section) in boundaries {
            XCTAssertEqual(IndustryCode.section(ofDivision: division), section, "division \(division)")
        }
    }

    func testALetterThatDisagreesWithTheDivisionIsRefused() {
        let mismatch = industryProblem("A3976")
        XCTAssertEqual(mismatch, .sectionMismatch(given: "A", expected: "C"))
        XCTAssertEqual(mismatch?.messageZh, "门类字母“A”与大类不符，应为“C”")
        XCTAssertEqual(industryProblem("c6510"), .sectionMismatch(given: "C", expected: "I"), "lower case is compared upper-cased")
    }

    func testMalformedCodesAreFormatErrors() {
        for raw in ["9", "12345", "ab", "", "C", "39a", "C39-1", "３９７６", "C 3976"] {
            XCTAssertEqual(industryProblem(raw), .format(raw), "“\(raw)”")
        }
        XCTAssertEqual(IndustryCode.Problem.format("ab").messageZh, "行业代码“ab”格式不对：应为 GB/T 4754-2017 的 2–4 位数字（可带门类字母，如 C3976）")
    }

    func testDivisionsOutsideTheStandardAreUnknown() {
        XCTAssertEqual(industryProblem("00"), .unknownDivision("00"))
        XCTAssertEqual(industryProblem("98"), .unknownDivision("98"))
        XCTAssertEqual(industryProblem("9901"), .unknownDivision("9901"))
        XCTAssertEqual(industryProblem("00")?.messageZh, "行业代码“00”的大类不存在")
    }

    func testTruncationCutsToACoarserLevelOnly() {
        let code = industry("3976")
        XCTAssertEqual(code?.truncated(to: 2)?.digits, "39")
        XCTAssertEqual(code?.truncated(to: 3)?.digits, "397")
        XCTAssertEqual(code?.truncated(to: 4), code)
        XCTAssertEqual(code?.truncated(to: 2), industry("39"))
        XCTAssertNil(code?.truncated(to: 1))
        XCTAssertNil(code?.truncated(to: 5))
        XCTAssertNil(industry("39")?.truncated(to: 3), "a 大类 cannot be made finer")
        XCTAssertEqual(industry("397")?.truncated(to: 2)?.digits, "39")
    }

    func testIndustryCodesOrderByTheirDigits() {
        let sorted = ["4011", "3976", "39", "C3511"].compactMap { industry($0) }.sorted()
        XCTAssertEqual(sorted.map(\.digits), ["3511", "39", "3976", "4011"])
    }

    // MARK: Period

    func testThePeriodSpellingsAPersonOrASpreadsheetProduces() {
        for raw in ["2025-03", "2025-3", "2025/03", "2025/3", "2025.03", "202503", "2025年3月", "2025年03月", " 2025-03 ", "2025-03-01", "2025/03/01"] {
            XCTAssertEqual(Period(raw)?.description, "2025-03", "“\(raw)”")
        }
        XCTAssertEqual(Period("2025-12"), Period(year: 2025, month: 12))
        XCTAssertEqual(Period("2025-1")?.description, "2025-01")
    }

    func testMalformedOrImpossiblePeriodsAreRefused() {
        for raw in ["2025-13", "2025-00", "2025-03-15", "2025-03-02", "25-03", "2025", "", "2025-003", "03-2025", "2025-03-01-01",
                    "20253", "2025年13月", "abcd-ef", "1899-12", "3000-01"] {
            XCTAssertNil(Period(raw), "“\(raw)” should be refused")
        }
        XCTAssertNil(Period(year: 2025, month: 0))
        XCTAssertNil(Period(year: 2025, month: 13))
    }

    /// `YYYY-MM` is read by a fast path; it must agree with the general one at its edges.
    func testTheCommonSpellingReadsAsTheGeneralOneDoes() {
        XCTAssertEqual(Period("1900-01"), Period(year: 1900, month: 1))
        XCTAssertEqual(Period("2999-12")?.description, "2999-12")
        XCTAssertEqual(Period("2025-10")?.description, "2025-10")
        for raw in ["2025-13", "2025-00", "1899-12", "3000-01", "2025_03", "2025-0a", "２０２５-03"] {
            XCTAssertNil(Period(raw), "“\(raw)” should be refused")
        }
        XCTAssertEqual(Period("2025/03"), Period("2025-03"), "seven characters that are not the common spelling go the general way")
    }

    func testThousandsCommasAreDroppedAndOtherTextKept() {
        XCTAssertEqual("1,234,567".withoutThousandsCommas, "1234567")
        XCTAssertEqual("1200".withoutThousandsCommas, "1200")
        XCTAssertEqual("，1,2".withoutThousandsCommas, "，12", "only the ASCII comma is a thousands separator here")
        XCTAssertEqual("".withoutThousandsCommas, "")
    }

    func testCodesAlreadyCompactAreKeptAndOthersCompacted() {
        XCTAssertEqual(CreditCode.compact("91350100M000100Y43"), "91350100M000100Y43")
        XCTAssertEqual(CreditCode.compact("91350100m000100y43"), "91350100M000100Y43", "lower case is not the fast path")
    }

    func testPeriodsCompareAndStepBackAYear() throws {
        let march = try XCTUnwrap(Period("2025-03"))
        XCTAssertLessThan(try XCTUnwrap(Period("2024-12")), march)
        XCTAssertLessThan(march, try XCTUnwrap(Period("2025-10")), "months compare as numbers, not text")
        XCTAssertEqual(march.previousYear.description, "2024-03")
        XCTAssertEqual(march.year, 2025)
        XCTAssertEqual(march.month, 3)
    }

    // MARK: Tier

    func testTiersAreFoundByCodeChineseOrEnglishName() {
        XCTAssertEqual(EnterpriseTier(codeOrName: "chainLeader"), .chainLeader)
        XCTAssertEqual(EnterpriseTier(codeOrName: "链主"), .chainLeader)
        XCTAssertEqual(EnterpriseTier(codeOrName: "准链主"), .candidate)
        XCTAssertEqual(EnterpriseTier(codeOrName: "骨干"), .backbone)
        XCTAssertEqual(EnterpriseTier(codeOrName: "新锐"), .rising)
        XCTAssertEqual(EnterpriseTier(codeOrName: "backbone"), .backbone)
        XCTAssertEqual(EnterpriseTier(codeOrName: "chain leader"), .chainLeader)
        XCTAssertNil(EnterpriseTier(codeOrName: "龙头"))
        XCTAssertNil(EnterpriseTier(codeOrName: ""))
        XCTAssertEqual(EnterpriseTier.allCases.sorted { $0.rank > $1.rank }, [.chainLeader, .candidate, .backbone, .rising])
    }
}

final class CalendarDayTests: XCTestCase {
    func testOnlyRealDaysInOneSpellingAreAccepted() {
        XCTAssertEqual(CalendarDay("2024-02-29")?.description, "2024-02-29")
        XCTAssertEqual(CalendarDay(" 2026-09-21 ")?.description, "2026-09-21")
        for bad in ["2023-02-29", "2024/01/01", "2024-1-01", "2024-13-01", "2024-04-31", "1900-02-29", "24-01-01", "2024-01-0a", ""] {
            XCTAssertNil(CalendarDay(bad), bad)
        }
        XCTAssertNotNil(CalendarDay("2000-02-29"))
        XCTAssertLessThan(CalendarDay("2024-12-31")!, CalendarDay("2025-01-01")!)
    }
}
