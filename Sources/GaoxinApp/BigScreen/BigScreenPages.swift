import OpenAPIKit30
import Vapor

/// The wall display, its stylesheet and its data for other wall systems. Leaders read it (SPEC §5:
/// 区领导 read-only: the dashboard and big screen), as does everyone who reads the programme.
enum BigScreenPages {
    static let path = "/screen"
    static let apiPath = "/api/v1/screen"
    static let stylesheetPath = "/assets/screen.css"
    static let policy = Policies.programme

    static var routes: [RouteSpec] {
        [
            RouteSpec(.GET, path, .read(policy)) { req in
                let screen = try await BigScreen.load(now: req.now, on: req.db)
                return try await req.renderPage { BigScreenView.render($0, screen) }
            },
            RouteSpec(.GET, stylesheetPath, .publicRoute) { _ in
                SystemRoutes.asset(BigScreenStylesheet.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
            },
            RouteSpec(.GET, apiPath, .read(policy),
                      doc: APIOperation(operationID: "getBigScreen", summary: "大屏数据：在册与规上企业、最新通报的集群营收与目标、各板块企业数（附地图区划代码）、园区在地图上的位置、目标任务排名",
                                        tag: "大屏", response: BigScreen.self)) { req in
                try .json(try await BigScreen.load(now: req.now, on: req.db))
            },
        ]
    }
}

extension BigScreen: APISchema {
    static let schemaName = "BigScreen"
    static var openAPISchema: JSONSchema {
        let light = JSONSchema.string(required: false, nullable: true, allowedValues: ["red", "yellow", "green", nil])
        return .object(properties: [
            "title": .string, "month": .string(required: false, nullable: true, description: "数据所据通报的月份"), "final": .boolean(description: "该月已关账"),
            "periodText": .string(required: false, nullable: true), "refreshedAt": .string(format: .dateTime),
            "tiles": .array(items: .object(properties: ["key": .string, "label": .string, "value": .string(description: "显示用文字"), "unit": .string, "light": light])),
            "boards": .array(items: .object(properties: [
                "unitId": .integer, "name": .string, "enterprises": .integer, "aboveScale": .integer,
                "adcode": .string(required: false, nullable: true, description: "地图上的行政区划代码；不在地图上的板块为空"),
            ])),
            "parks": .array(items: .object(properties: [
                "parkId": .integer, "name": .string, "kind": .string, "level": .string,
                "x": .number(description: "地图坐标（viewBox 单位，向东）"), "y": .number(description: "地图坐标（viewBox 单位，向南）"),
            ])),
            "clusters": .array(items: .object(properties: [
                "name": .string, "yearToDate": .integer(description: "累计规上营收（万元）"), "annualTarget": .integer(required: false, nullable: true),
                "progress": .number(required: false, nullable: true), "light": light,
            ])),
            "ranking": .array(items: .object(properties: ["rank": .integer, "unit": .string, "completion": .number(required: false, nullable: true), "light": .string])),
        ])
    }
}
