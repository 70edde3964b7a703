import GaoxinDomain
import OpenAPIKit30
import Vapor

enum EnterpriseRoutes {
    static let policy = Policies.enterprises
    static let idParam = APIParameter.path("id", "企业 ID")
    static let periodParam = APIParameter.pathText("period", "月份 YYYY-MM", pattern: IndicatorInput.periodPattern)
    static var all: [RouteSpec] {
        RecordRoutes(
            path: "/enterprises", policy: policy,
            pages: EnterprisePages.self, api: EnterprisesAPI.self,
            docs: .init(schemaName: "Enterprise", tag: "企业", idDescription: "企业 ID",
                        listParameters: APIParameter.list(EnterpriseQueries.list, search: "企业名称或统一社会信用代码中的任意子串", [
                            "under": "只列出该单位及其下级单位的企业", "industry": "行业代码前缀（字母和数字），如 39 或 C39",
                            "aboveScale": "1 规上 / 0 规下", "active": "1 在册 / 0 已停用",
                        ]),
                        list: .type(EnterpriseListDTO.self), record: .type(EnterpriseDTO.self),
                        create: .json(EnterpriseInput.self), patch: .patch(EnterpriseInput.self),
                        summaries: ["create": "登记企业", "deactivate": "停用企业（保留数据）"])
        ).routes(morePages: [
            RouteSpec(.POST, "/enterprises/:id/indicators", .write(policy), EnterprisePages.putIndicators),
            RouteSpec(.POST, "/enterprises/:id/qualifications", .write(policy), EnterprisePages.addQualification),
            RouteSpec(.POST, "/enterprises/:id/qualifications/:qualificationId/delete", .write(policy), EnterprisePages.removeQualification),
        ], moreAPI: [
            RouteSpec(.GET, "/api/v1/enterprises/:id/qualifications", .read(policy),
                      doc: APIOperation(operationID: "listEnterpriseQualifications", summary: "企业资质（含是否有效）", tag: "企业", parameters: [idParam], response: QualificationListDTO.self),
                      EnterprisesAPI.qualifications),
            RouteSpec(.POST, "/api/v1/enterprises/:id/qualifications", .write(policy),
                      doc: APIOperation(operationID: "addEnterpriseQualification", summary: "登记企业资质", tag: "企业", parameters: [idParam],
                                        request: .json(QualificationInput.self), successStatus: 201, response: QualificationDTO.self),
                      EnterprisesAPI.addQualification),
            RouteSpec(.DELETE, "/api/v1/enterprises/:id/qualifications/:qualificationId", .write(policy),
                      doc: APIOperation(operationID: "removeEnterpriseQualification", summary: "删除企业资质记录", tag: "企业",
                                        parameters: [idParam, .path("qualificationId", "资质记录 ID")], successStatus: 204, response: nil),
                      EnterprisesAPI.removeQualification),
            RouteSpec(.GET, "/api/v1/enterprises/:id/indicators", .read(policy),
                      doc: APIOperation(operationID: "listEnterpriseIndicators", summary: "企业月度指标（新月份在前）", tag: "企业", parameters: [idParam], response: IndicatorListDTO.self),
                      EnterprisesAPI.indicators),
            RouteSpec(.PUT, "/api/v1/enterprises/:id/indicators/:period", .write(policy),
                      doc: APIOperation(operationID: "putEnterpriseIndicator", summary: "填报或更正企业某月指标（金额单位万元）", tag: "企业",
                                        parameters: [idParam, periodParam], request: .json(IndicatorInput.self), response: IndicatorDTO.self),
                      EnterprisesAPI.putIndicator),
        ])
    }
}
