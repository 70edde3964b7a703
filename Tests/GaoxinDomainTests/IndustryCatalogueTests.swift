import GaoxinDomain
import XCTest

final class IndustryCatalogueTests: XCTestCase {
    private let catalogue = IndustryCatalogue.standard

    func testTheTableHasTheStandardsCounts() {
        XCTAssertEqual(IndustrySection.all.count, 20)
        XCTAssertEqual(catalogue.divisions.count, 97)
        XCTAssertEqual(catalogue.groups.count, 473)
        XCTAssertEqual(catalogue.classes.count, 1381)
        XCTAssertEqual(catalogue.divisions.map(\.code.digits), (1...97).map { String(format: "%02d", $0) })
        XCTAssertEqual(Set(catalogue.entries.map(\.code)).count, catalogue.entries.count, "codes are unique")
        XCTAssertEqual(catalogue.entries.map(\.code.digits), catalogue.entries.map(\.code.digits).sorted(), "the standard's order")
    }

    func testWellKnownNames() {
        let expected = [
            "01": "农业", "05": "农、林、牧、渔专业及辅助性活动", "11": "开采专业及辅助性活动",
            "13": "农副食品加工业", "26": "化学原料和化学制品制造业", "27": "医药制造业",
            "37": "铁路、船舶、航空航天和其他运输设备制造业", "39": "计算机、通信和其他电子设备制造业",
            "58": "多式联运和运输代理业", "64": "互联网和相关服务", "65": "软件和信息技术服务业",
            "79": "土地管理业", "87": "广播、电视、电影和录音制作业", "97": "国际组织",
            "374": "航空、航天器及设备制造", "397": "电子器件制造", "652": "集成电路设计",
            "653": "信息系统集成和物联网技术服务", "019": "其他农业",
            "3741": "飞机制造", "3973": "集成电路制造", "3976": "光电子器件制造", "6531": "信息系统集成服务",
        ]
        for (digits, name) in expected {
            XCTAssertEqual(catalogue.name(of: digits)?.zh, name, digits)
            XCTAssertEqual(catalogue.name(of: digits)?.exact, true, digits)
        }
        XCTAssertEqual(catalogue.name(of: "39")?.en, "Manufacture of computers, communication and other electronic equipment")
        XCTAssertEqual(catalogue.name(of: "65")?.en, "Software and information technology services")
        XCTAssertNil(catalogue.name(of: "397")?.en, "groups are Chinese only")
        XCTAssertEqual(catalogue.name(of: "C3973")?.zh, "集成电路制造", "a leading section letter is accepted")
    }

    func testEveryNameIsCleanAndEveryDivisionHasAnEnglishTitle() {
        for entry in catalogue.entries {
            XCTAssertFalse(entry.nameZh.isEmpty, entry.code.digits)
            XCTAssertEqual(entry.nameZh, entry.nameZh.trimmingCharacters(in: .whitespacesAndNewlines), entry.code.digits)
            XCTAssertFalse(entry.nameZh.contains("(") || entry.nameZh.contains(")"), "full-width brackets, as printed: \(entry.code.digits)")
            XCTAssertEqual(entry.nameEn != nil, entry.level == 2, entry.code.digits)
        }
    }

    func testEveryDivisionSitsInItsSectionAndEverySectionHasItsDivisions() {
        var perSection: [Character: Int] = [:]
        for division in catalogue.divisions {
            let letter = IndustryCode.section(ofDivision: Int(division.code.digits)!)
            XCTAssertNotNil(letter, division.code.digits)
            XCTAssertEqual(division.code.section, letter)
            XCTAssertEqual(catalogue.section(of: division.code)?.letter, letter)
            if let letter { perSection[letter, default: 0] += 1 }
        }
        // The standard's 门类 table: how many 大类 each section holds.
        let expected: [Character: Int] = [
            "A": 5, "B": 7, "C": 31, "D": 3, "E": 4, "F": 2, "G": 8, "H": 2, "I": 3, "J": 4,
            "K": 1, "L": 2, "M": 3, "N": 4, "O": 3, "P": 1, "Q": 2, "R": 5, "S": 6, "T": 1,
        ]
        XCTAssertEqual(perSection, expected)
        XCTAssertEqual(catalogue.section(of: code("3973"))?.nameZh, "制造业")
        XCTAssertEqual(catalogue.section(of: code("6520"))?.nameEn, "Information transmission, software and information technology services")
    }

    func testEveryGroupsDivisionAndEveryClasssGroupExist() {
        for entry in catalogue.entries where entry.level > 2 {
            let parent = entry.code.truncated(to: entry.level - 1)!
            XCTAssertTrue(catalogue.isKnown(parent), "\(entry.code.digits) without \(parent.digits)")
        }
        for division in catalogue.divisions {
            XCTAssertFalse(catalogue.children(of: division.code).isEmpty, division.code.digits)
        }
        for group in catalogue.groups {
            XCTAssertFalse(catalogue.children(of: group.code).isEmpty, group.code.digits)
        }
        XCTAssertEqual(catalogue.children(of: code("397")).map(\.code.digits), ["3971", "3972", "3973", "3974", "3975", "3976", "3979"])
    }

    func testDisplay() {
        XCTAssertEqual(catalogue.display(code("3973")), "3973 集成电路制造")
        XCTAssertEqual(catalogue.display(code("39")), "39 计算机、通信和其他电子设备制造业")
        XCTAssertEqual(catalogue.display(code("39"), english: true), "39 Manufacture of computers, communication and other electronic equipment")
        XCTAssertEqual(catalogue.display(code("397"), english: true), "397 电子器件制造", "no English title: Chinese")
        XCTAssertEqual(catalogue.entry(code("397"))?.display, "397 电子器件制造")
        // 9233 exists only in the 2019 amendment: its digits stay, and the name shown is said to be 923's.
        XCTAssertEqual(catalogue.display(code("9233")), "9233（923 人民法院和人民检察院）")
        XCTAssertEqual(catalogue.display(code("9233"), english: true), "9233 (923 人民法院和人民检察院)")
        XCTAssertEqual(catalogue.name(of: "9233")?.exact, false)
        XCTAssertEqual(catalogue.name(of: "3998")?.entry.code.digits, "399")
        XCTAssertEqual(catalogue.name(of: "3998")?.exact, false)
        XCTAssertEqual(catalogue.name(of: "390")?.entry.code.digits, "39", "no group 390: the division's name")
    }

    func testSearchByName() {
        let chips = catalogue.search("集成电路")
        XCTAssertEqual(chips.map(\.code.digits), ["652", "3973"], "6520 shares 652's name and is offered once")
        XCTAssertEqual(catalogue.search("集成电路制造").first?.code.digits, "3973", "the exact name first")
        XCTAssertEqual(catalogue.search("电子器件").map(\.code.digits), ["397", "3976", "3979"], "a name that starts with the text first")
        XCTAssertEqual(catalogue.search("software").first?.code.digits, "65", "divisions by their English title")
        XCTAssertEqual(catalogue.search("其他", limit: 5).count, 5)
        XCTAssertEqual(catalogue.search("  "), [])
        XCTAssertEqual(catalogue.search("不存在的行业"), [])
    }

    func testSearchByCodePrefix() {
        let found = catalogue.search("39", limit: 100)
        XCTAssertEqual(found.first?.code.digits, "39")
        XCTAssertEqual(found.dropFirst().prefix(9).map(\.code.digits), ["391", "392", "393", "394", "395", "396", "397", "398", "399"])
        XCTAssertTrue(found.contains { $0.code.digits == "3973" })
        XCTAssertTrue(found.allSatisfy { $0.code.digits.hasPrefix("39") })
        XCTAssertEqual(catalogue.search("39", limit: 3).map(\.code.digits), ["39", "391", "392"])
        XCTAssertEqual(catalogue.search("C397").first?.code.digits, "397", "a section letter may lead")
        XCTAssertEqual(catalogue.search("I397"), [], "the letter must agree")
        XCTAssertEqual(catalogue.search("G").map(\.code.digits), ["53", "54", "55", "56", "57", "58", "59", "60"], "a letter alone: its divisions")
        XCTAssertEqual(catalogue.search("98"), [])
    }

    func testUnknownCodesAreUnknown() {
        XCTAssertTrue(catalogue.isKnown("39"))
        XCTAssertTrue(catalogue.isKnown("399"))
        XCTAssertTrue(catalogue.isKnown("C3973"))
        XCTAssertFalse(catalogue.isKnown("98"), "no 98th division")
        XCTAssertFalse(catalogue.isKnown("3999"))
        XCTAssertFalse(catalogue.isKnown("390"), "a group the standard does not have")
        XCTAssertFalse(catalogue.isKnown("9233"), "2019 amendment, not the 2017 table")
        XCTAssertFalse(catalogue.isKnown("abc"))
        XCTAssertNil(catalogue.name(of: "98"))

        XCTAssertEqual(try? catalogue.validate(" C3973 ").get(), code("3973"))
        XCTAssertEqual(catalogue.validate("3999"), .failure(.unknown("3999")))
        XCTAssertEqual(IndustryCatalogue.Problem.unknown("3999").messageZh, "行业代码“3999”不在 GB/T 4754-2017 中")
        XCTAssertEqual(IndustryCatalogue.Problem.unknown("3999").messageEn, "Industry code 3999 is not in GB/T 4754-2017")
        XCTAssertEqual(catalogue.validate("98"), .failure(.code(.unknownDivision("98"))))
        XCTAssertEqual(catalogue.validate("x1"), .failure(.code(.format("x1"))))
    }

    func testAnIndustryIsTakenByCodeByCodeWithNameOrByAName() {
        XCTAssertEqual(try? catalogue.resolve("C3973").get(), code("3973"))
        XCTAssertEqual(try? catalogue.resolve("3973 集成电路制造").get(), code("3973"), "as the lists and exports show it")
        XCTAssertEqual(try? catalogue.resolve("集成电路制造").get(), code("3973"), "its exact name")
        XCTAssertEqual(try? catalogue.resolve("集成电路设计").get(), code("6520"), "the group 652 and its one class share the name: the class")
        XCTAssertEqual(try? catalogue.resolve("Manufacture of Computers, Communication and Other Electronic Equipment").get(), code("39"))
        guard case .failure(.ambiguous(let text, let candidates)) = catalogue.resolve("集成电路") else { return XCTFail("两个行业名称含“集成电路”") }
        XCTAssertEqual(text, "集成电路")
        XCTAssertEqual(Set(candidates.map(\.code.digits)), ["3973", "652"])
        XCTAssertTrue(IndustryCatalogue.ResolveProblem.ambiguous(text, candidates).messageZh.contains("3973 集成电路制造"))
        XCTAssertEqual(catalogue.resolve("量子纠缠"), .failure(.noName("量子纠缠")))
        XCTAssertEqual(catalogue.resolve("3999"), .failure(.code(.unknown("3999"))), "a code-shaped text is a code, never a name search")
        XCTAssertEqual(catalogue.resolve("3973 电子器件"), .failure(.noName("3973 电子器件")), "a code with another industry's name is not guessed")
    }

    private func code(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> IndustryCode {
        guard case .success(let code) = IndustryCode.parse(text) else {
            XCTFail("\(text) should parse", file: file, line: line)
            return try! IndustryCode.parse("01").get()
        }
        return code
    }
}
