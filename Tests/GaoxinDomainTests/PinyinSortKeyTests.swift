import Foundation
import GaoxinDomain
import XCTest

final class PinyinSortKeyTests: XCTestCase {
    /// Orders names the way SQLite's BINARY and PostgreSQL's "C" collations order their keys.
    private func sorted(_ names: [String]) -> [String] {
        names.map { ($0, Array(PinyinSortKey.key(for: $0).utf8)) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
            .map(\.0)
    }

    private func assertOrder(_ names: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(sorted(names.reversed()), names, file: file, line: line)
        XCTAssertEqual(sorted(names.shuffled()), names, file: file, line: line)
    }

    func testProvincesAndCitiesSortByPinyinNotCodePoint() {
        // Code-point order would put 北 (U+5317) before 安 (U+5B89).
        assertOrder(["安徽省合肥市", "北京市海淀区", "张家港市"])
        // jiang < wu < yi < zhang
        assertOrder(["江阴市", "无锡市", "宜兴市", "张家港市"])
    }

    func testChangIsTheReadingOfChangInPlaceNames() {
        // 长 sorts as cháng (长沙 长春 长江 长城), not the dictionary's first reading zhǎng.
        XCTAssertTrue(PinyinSortKey.key(for: "长沙").hasPrefix("chang2"))
        // Same syllable and tone: the homophones 常 (U+5E38) and 长 (U+957F) go by code point.
        assertOrder(["常州市", "长沙市", "张家港市"])
        // The other characters names read otherwise than the dictionary's first reading.
        XCTAssertTrue(PinyinSortKey.key(for: "重庆").hasPrefix("chong2"))
        XCTAssertTrue(PinyinSortKey.key(for: "厦门").hasPrefix("xia4"))
        XCTAssertTrue(PinyinSortKey.key(for: "成都").contains("-du1"))
        XCTAssertTrue(PinyinSortKey.key(for: "蚌埠").hasPrefix("beng4"))
    }

    func testSyllableThenToneThenCharacter() {
        XCTAssertEqual(PinyinSortKey.key(for: "张"), "zhang15F20")
        assertOrder(["安", "岸", "北", "张"])  // ān < àn (tone) < běi < zhāng
        assertOrder(["西", "厦门", "小米"])  // xi < xia < xiao
        assertOrder(["路", "罗", "吕"])  // lu < luo < lü (written lv)
        // A name is read in citation tones: 子 zǐ, not the neutral zi.
        XCTAssertTrue(PinyinSortKey.key(for: "子").hasPrefix("zi3"))
    }

    func testAPrefixSortsBeforeItsExtensions() {
        assertOrder(["安", "安徽", "安庆"])
        assertOrder(["中国", "中国石化", "中国石油"])
        XCTAssertEqual(PinyinSortKey.key(for: "安徽"), "an15B89-hui15FBD")
    }

    func testFullWidthLettersDigitsAndBracketsFoldToHalfWidth() {
        XCTAssertEqual(PinyinSortKey.key(for: "ＡＢＢ（中国）有限公司"), PinyinSortKey.key(for: "ABB(中国)有限公司"))
        XCTAssertEqual(PinyinSortKey.key(for: "１２３"), PinyinSortKey.key(for: "123"))
        XCTAssertEqual(PinyinSortKey.key(for: "ｓｏｎｙ"), PinyinSortKey.key(for: "SONY"))
        XCTAssertEqual(PinyinSortKey.key(for: "Société"), "societe")
    }

    func testLatinNamesFileAmongThePinyinByTheirLetters() {
        XCTAssertTrue(PinyinSortKey.key(for: "ABB（中国）有限公司").hasPrefix("abb-zhong1"))
        // a < abb < an(hui) < apple < bai(du)
        assertOrder(["阿里巴巴集团", "ABB（中国）有限公司", "安徽海螺", "Apple", "百度"])
        XCTAssertEqual(PinyinSortKey.key(for: "abb"), PinyinSortKey.key(for: "ABB"))
        assertOrder(["AN", "安"])
    }

    func testDigitsComeFirstInNumericOrder() {
        assertOrder(["3M中国有限公司", "360科技", "ABB", "安徽"])
        assertOrder(["2号楼", "10号楼", "100号楼", "安"])
        assertOrder(["园区9", "园区12345678", "园区123456789", "园区1234567890"])
        XCTAssertEqual(PinyinSortKey.key(for: "007"), PinyinSortKey.key(for: "7"))
    }

    func testPunctuationAndSpacesAreIgnored() {
        XCTAssertEqual(PinyinSortKey.key(for: "（中国）"), PinyinSortKey.key(for: "中国"))
        XCTAssertEqual(PinyinSortKey.key(for: "《张家港》·、 "), PinyinSortKey.key(for: "张家港"))
        XCTAssertEqual(PinyinSortKey.key(for: "（）"), "")
        // They still end a word: "ABB Ltd" is two words, not "abbltd".
        XCTAssertEqual(PinyinSortKey.key(for: "ABB Ltd"), "abb-ltd")
    }

    func testOtherScriptsAndUnknownIdeographsSortAfterPinyin() {
        let kana = PinyinSortKey.key(for: "カ")
        XCTAssertEqual(kana, "~0030AB")
        assertOrder(["左", "カ"])
    }

    func testRealEnterpriseNamesSortAsAPinyinReaderExpects() {
        assertOrder([
            "3M中国有限公司",
            "ABB（中国）有限公司",
            "安徽海螺水泥股份有限公司",
            "百度在线网络技术（北京）有限公司",
            "宝山钢铁股份有限公司",
            "北京字节跳动科技有限公司",
            "比亚迪股份有限公司",
            "常州星宇车灯股份有限公司",
            "重庆长安汽车股份有限公司",
            "东方电气股份有限公司",
            "海尔智家股份有限公司",
            "华为技术有限公司",
            "江苏恒瑞医药股份有限公司",
            "京东方科技集团股份有限公司",
            "隆基绿能科技股份有限公司",
            "美的集团股份有限公司",
            "宁德时代新能源科技股份有限公司",
            "三一重工股份有限公司",
            "上海汽车集团股份有限公司",
            "深圳市腾讯计算机系统有限公司",
            "厦门钨业股份有限公司",
            "小米科技有限责任公司",
            "中国石油天然气股份有限公司",
            "珠海格力电器股份有限公司",
        ])
    }

    func testKeyIsAsciiAndBounded() {
        let longest = String(repeating: "壮", count: 100)  // zhuang4: the longest reading
        let key = PinyinSortKey.key(for: longest)
        XCTAssertEqual(key.utf8.count, PinyinSortKey.maxBytes)
        XCTAssertEqual(key, PinyinSortKey.key(for: String(repeating: "壮", count: PinyinSortKey.maxUnits)))
        let mixed = String(repeating: "ABB（中国）123有限公司カ ", count: 20)
        XCTAssertLessThanOrEqual(PinyinSortKey.key(for: mixed).utf8.count, PinyinSortKey.maxBytes)
        XCTAssertTrue(PinyinSortKey.key(for: mixed).utf8.allSatisfy { $0 < 0x80 })
    }

    func testEveryUnifiedIdeographHasASegment() {
        // The ideographs the data has no reading for: none in common use.
        let unread: Set<UInt32> = [0x5159, 0x5161, 0x55E7, 0x685B, 0x70EA, 0x74E7, 0x74F0, 0x74F1, 0x74FC, 0x7505]
        var fallbacks: [UInt32] = []
        for value in UInt32(0x4E00)...0x9FFF {
            let key = PinyinSortKey.key(for: String(Unicode.Scalar(value)!))
            XCTAssertTrue(key.utf8.allSatisfy { $0 < 0x80 }, "U+\(String(value, radix: 16))")
            XCTAssertLessThanOrEqual(key.utf8.count, 11, "U+\(String(value, radix: 16))")
            if key.hasPrefix("~") {
                fallbacks.append(value)
                XCTAssertTrue(value >= 0x9FA6 || unread.contains(value), "U+\(String(value, radix: 16)) has no reading")
            } else {
                XCTAssertNotNil(key.range(of: "^[a-z]+[1-5][0-9A-F]{4}$", options: .regularExpression), key)
            }
        }
        XCTAssertLessThanOrEqual(fallbacks.count, 68)
        // Extension A is covered too (5,779 of its 6,592 in the data).
        let extensionA = (UInt32(0x3400)...0x4DBF).filter { !PinyinSortKey.key(for: String(Unicode.Scalar($0)!)).hasPrefix("~") }
        XCTAssertGreaterThan(extensionA.count, 5_700)
    }
}
