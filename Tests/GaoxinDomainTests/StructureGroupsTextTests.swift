import GaoxinDomain
import XCTest

final class StructureGroupsTextTests: XCTestCase {
    func testLinesBecomeGroupsAndBack() throws {
        let text = "地标产业：新材料、高端装备，集成电路\n\n优势产业: 生物医药;新能源\n未来产业："
        let groups = try StructureGroupsText.parse(text).get()
        XCTAssertEqual(groups.map(\.name), ["地标产业", "优势产业", "未来产业"])
        XCTAssertEqual(groups[0].clusters, ["新材料", "高端装备", "集成电路"])
        XCTAssertEqual(groups[1].clusters, ["生物医药", "新能源"])
        XCTAssertEqual(groups[1].line, 3, "blank lines keep the numbering people see")
        XCTAssertEqual(groups[2].clusters, [])
        XCTAssertEqual(StructureGroupsText.format(groups.map { (name: $0.name, clusters: $0.clusters) }),
                       "地标产业：新材料、高端装备、集成电路\n优势产业：生物医药、新能源\n未来产业：")
    }

    func testEveryBadLineIsNamed() {
        guard case .failure(let failed) = StructureGroupsText.parse("没有冒号\n：新材料\n甲：a\n甲：b") else { return XCTFail("should fail") }
        let message = failed.errors.first?.messageZh ?? ""
        XCTAssertTrue(message.contains("第 1 行应写成"))
        XCTAssertTrue(message.contains("第 2 行缺少分组名"))
        XCTAssertTrue(message.contains("第 4 行的分组“甲”与第 3 行重名"))
        XCTAssertEqual(failed.errors.first?.field, "groups")
    }
}
