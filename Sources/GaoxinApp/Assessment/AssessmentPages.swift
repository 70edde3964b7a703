import Fluent
import Foundation
import GaoxinDomain
import GaoxinSheets
import OpenAPIKit30
import SQLKit
import Vapor

/// 考核: a year's ranking with every item's formula beside its points and the metrics behind
/// them, its workbook, and the API twin. Read by everyone who reads programme data; the items
/// are the office's register (`assessmentItems`); nothing here writes.
enum AssessmentPages {
    static let path = "/assessments"
    static let apiPath = "/api/v1/assessments"
    static let policy = Policies.officeRegisters

    static var routes: [RouteSpec] {
        [
            RouteSpec(.GET, path, .read(policy), page),
            RouteSpec(.GET, path + "/export", .read(policy), export),
            RouteSpec(.GET, apiPath + "/:year", .read(policy),
                      doc: APIOperation(operationID: "getAssessment", summary: "某年度考核：各单位按考核项目公式的得分、总分与排名，及所用指标取值；12 月关账后为冻结结果",
                                        tag: "考核", parameters: [.pathText("year", "考核年度", pattern: YearParameter.pattern)], response: Assessment.self)) { req in
                let year = try YearParameter.parse(req.parameters.get("year"), field: "year")
                return try .json(try await Assessment.load(year: year, today: DisplayFormat.day(req.now), on: req.db))
            },
        ]
    }

    static func chosenYear(_ req: Request) async throws -> Int { try await YearParameter.chosen(req, latestIn: "assessment_items") }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let assessment = try await Assessment.load(year: try await chosenYear(req), today: DisplayFormat.day(req.now), on: req.db)
        return try await req.renderPage { AssessmentView.render($0, assessment) }
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let assessment = try await Assessment.load(year: try await chosenYear(req), today: DisplayFormat.day(req.now), on: req.db)
        let scores = SheetTable(name: "得分", rows: [[.text("排名"), .text("单位")] + assessment.items.map { .text("\($0.name)（\($0.formula)）") } + [.text("总分")]]
            + assessment.rows.map { row in [.number(Double(row.rank)), .text(row.unitName)] + row.points.map { .number($0) } + [.number(row.total)] })
        let values = SheetTable(name: "指标取值", rows: [[.text("单位")] + AssessmentMetric.allCases.map { .text("\($0.rawValue)（\($0.measure)）") }]
            + assessment.rows.map { row in [.text(row.unitName)] + row.values.map { .number($0) } })
        return ListExport.download(try XLSXWriter.write([scores, values]), fileName: "考核-\(assessment.year)", format: .xlsx)
    }
}

extension Assessment: Content, APISchema {
    static let schemaName = "Assessment"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "year": .integer, "asOf": .string(format: .date, description: "指标取值日（年度结束后为 12 月 31 日）"),
            "frozen": .boolean(description: "已随 12 月关账冻结"), "frozenAt": .string(format: .dateTime, required: false, nullable: true),
            "items": .array(items: .object(properties: ["code": .string, "name": .string, "formula": .string(description: "计分公式")])),
            "metrics": .array(description: "指标名称，与各行 values 的顺序对应", items: .string),
            "rows": .array(items: .object(properties: [
                "rank": .integer, "unitId": .integer, "unitName": .string,
                "points": .array(description: "各考核项目得分，与 items 的顺序对应", items: .number), "total": .number,
                "values": .array(items: .number),
            ])),
        ])
    }
}
