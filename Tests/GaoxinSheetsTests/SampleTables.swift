@testable import GaoxinSheets

/// Tables with the values the product exchanges: Chinese names (one of 200 characters),
/// codes with leading zeros, integers, negative and fractional numbers, dates, booleans,
/// empty cells in the middle, XML-special characters, line breaks.
enum SampleTables {
    static let longName = String(String(repeating: "无锡高新区集成电路产业集群", count: 16).prefix(200))

    static let enterprises = SheetTable(name: "企业名单", rows: [
        [.text("名称"), .text("代码"), .text("数量"), .text("金额"), .text("日期"), .text("有效"), .text("备注")],
        [.text("无锡高新区集成电路产业集群"), .text("0011"), .integer(12), .number(-3.25),
         .date(year: 2024, month: 3, day: 15), .bool(true), .text("A & B <C> \"q\" 'x'")],
        [.text(longName), .text("00123"), .integer(-7), .number(0.1),
         .date(year: 1900, month: 3, day: 1), .bool(false), .empty],
        [.text("江阴"), .empty, .integer(1_234_567_890_123), .number(1234.5678),
         .date(year: 2099, month: 12, day: 31), .empty, .text("多行\n文本")],
        [.text("  前后空格  "), .text("=SUM(A1)"), .integer(0), .number(-0.000123),
         .date(year: 2024, month: 2, day: 29), .bool(true), .text("tab\there")],
    ])

    static let projects = SheetTable(name: "项目", rows: [
        [.text("项目"), .text("投资（万元）")],
        [.text("新能源汽车零部件"), .integer(120_000)],
        [.empty, .empty],
        [.text("生物医药"), .number(88.5)],
    ])

    static let headerOnly = SheetTable(name: "Header only", rows: [
        [.text("只有表头"), .text("B")],
    ])

    static let all = [enterprises, projects, headerOnly]
}
