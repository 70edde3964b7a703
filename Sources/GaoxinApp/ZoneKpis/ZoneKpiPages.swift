import Fluent
import GaoxinDomain
import GaoxinSheets
import OpenAPIKit30
import SQLKit
import Vapor

/// 指标体系: the zone's indicators for a year with values, targets, lights, history and the query
/// behind every computed value; its workbook and the API twin. Read by everyone who reads the
/// programme; the indicators, targets and entered values are the office's registers.
enum ZoneKpiPages {
    static let path = "/kpis"
    static let apiPath = "/api/v1/kpis"
    static let policy = Policies.officeRegisters

    static var routes: [RouteSpec] {
        [
            RouteSpec(.GET, path, .read(policy), page),
            RouteSpec(.GET, path + "/export", .read(policy), export),
            RouteSpec(.GET, apiPath + "/:year", .read(policy),
                      doc: APIOperation(operationID: "getZoneKpis", summary: "某年度区域指标：各指标取值（自动计算的附所用查询）、目标、完成进度、红黄绿及前三年取值",
                                        tag: "区域指标", parameters: [.pathText("year", "年度", pattern: YearParameter.pattern)], response: ZoneKpiBoard.self)) { req in
                let year = try YearParameter.parse(req.parameters.get("year"), field: "year")
                return try .json(try await ZoneKpiBoard.load(year: year, today: today(req), on: req.db))
            },
        ]
    }

    static func today(_ req: Request) -> CalendarDay { CalendarDay(DisplayFormat.day(req.now))! }

    /// `?year=`, else the latest year with targets, else this year.
    static func chosenYear(_ req: Request) async throws -> Int { try await YearParameter.chosen(req, latestIn: "zone_kpi_targets") }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let board = try await ZoneKpiBoard.load(year: try await chosenYear(req), today: today(req), on: req.db)
        return try await req.renderPage { ZoneKpiView.render($0, board) }
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let board = try await ZoneKpiBoard.load(year: try await chosenYear(req), today: today(req), on: req.db)
        let years: [Int] = (board.rows.first?.history ?? []).map { $0.year }.dropLast()
        func number(_ value: Double?) -> SheetCell { value.map { SheetCell.number($0) } ?? SheetCell.empty }
        let titles = ["指标代码", "指标名称", "指标类别", "计量单位", "取值方式", "\(board.year) 年取值", "\(board.year) 年目标", "完成进度", "红黄绿"]
            + years.map { "\($0) 年取值" } + ["查询"]
        let heading: [SheetCell] = titles.map { SheetCell.text($0) }
        var rows: [[SheetCell]] = []
        for row in board.rows {
            var cells: [SheetCell] = [.text(row.code), .text(row.name), .text(row.categoryName), .text(row.measureName), .text(row.sourceName)]
            cells += [number(row.value), number(row.target), number(row.progress), .text(BulletinLight.name(BulletinLight.of(row.pace)))]
            cells += row.history.dropLast().map { number($0.value) }
            cells.append(.text(row.query ?? ""))
            rows.append(cells)
        }
        return ListExport.download(try XLSXWriter.write([SheetTable(name: "区域指标", rows: [heading] + rows)]), fileName: "区域指标-\(board.year)", format: .xlsx)
    }
}

extension ZoneKpiBoard: APISchema {
    static let schemaName = "ZoneKpiBoard"
    static var openAPISchema: JSONSchema {
        // Absent where there is none (a value not yet reported, an entered indicator's query).
        let number = JSONSchema.number(required: false, nullable: true)
        return .object(properties: [
            "year": .integer, "asOf": .string(format: .date, description: "取值日（年度结束后为 12 月 31 日）"),
            "timeShare": .number(description: "年内累计指标比较的时序进度（已过月数 ÷ 12）"), "rule": .string(description: "红黄绿规则"),
            "rows": .array(items: .object(properties: [
                "id": .integer, "code": .string, "name": .string, "category": .string, "categoryName": .string,
                "measure": .string, "measureName": .string, "source": .string, "sourceName": .string,
                "cumulative": .boolean, "lowerIsBetter": .boolean, "value": number, "target": number,
                "progress": .number(required: false, nullable: true, description: "完成进度（取值 ÷ 目标）"),
                "pace": .string(required: false, nullable: true, allowedValues: ClusterPace.allCases.map { AnyCodable($0.rawValue) } + [nil]),
                "history": .array(items: .object(properties: ["year": .integer, "value": number])),
                "query": .string(required: false, nullable: true, description: "自动计算所用的 SQL（参数以 :名称 表示）"),
                "parameters": .array(items: .object(properties: ["name": .string, "value": .string])),
                "formula": .string(required: false, nullable: true), "basis": .string(required: false, nullable: true),
            ])),
        ])
    }
}
