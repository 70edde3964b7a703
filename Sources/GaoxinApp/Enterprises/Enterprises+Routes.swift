import GaoxinDomain
import OpenAPIKit30
import Vapor

enum EnterpriseRoutes {
    static let policy = Policies.enterprises
    static let idParam = APIParameter.path("id", "企业 ID")
    static let periodParam = APIParameter.pathText("period", "月份 YYYY-MM", pattern: IndicatorInput.periodPattern)
    static var all: [RouteSpec] {
        RegisterRoutes.routes(.enterprises, morePages: [
            RouteSpec(.POST, RegisterDeclaration.enterprises.path + "/:id/indicators", .write(policy), EnterprisePages.putIndicators),
            RouteSpec(.POST, RegisterDeclaration.enterprises.path + "/:id/qualifications", .write(policy), EnterprisePages.addQualification),
            RouteSpec(.POST, RegisterDeclaration.enterprises.path + "/:id/qualifications/:qualificationId/delete", .write(policy), EnterprisePages.removeQualification),
        ], moreAPI: [
            RouteSpec(.GET, RegisterDeclaration.enterprises.apiPath + "/:id/qualifications", .read(policy),
                      doc: APIOperation(operationID: "listEnterpriseQualifications", summary: "企业资质（含是否有效）", tag: "企业", parameters: [idParam], response: QualificationListDTO.self),
                      EnterprisesAPI.qualifications),
            RouteSpec(.POST, RegisterDeclaration.enterprises.apiPath + "/:id/qualifications", .write(policy),
                      doc: APIOperation(operationID: "addEnterpriseQualification", summary: "登记企业资质", tag: "企业", parameters: [idParam],
                                        request: .json(QualificationInput.self), successStatus: 201, response: QualificationDTO.self),
                      EnterprisesAPI.addQualification),
            RouteSpec(.DELETE, RegisterDeclaration.enterprises.apiPath + "/:id/qualifications/:qualificationId", .write(policy),
                      doc: APIOperation(operationID: "removeEnterpriseQualification", summary: "删除企业资质记录", tag: "企业",
                                        parameters: [idParam, .path("qualificationId", "资质记录 ID")], successStatus: 204, response: nil),
                      EnterprisesAPI.removeQualification),
            RouteSpec(.GET, RegisterDeclaration.enterprises.apiPath + "/:id/indicators", .read(policy),
                      doc: APIOperation(operationID: "listEnterpriseIndicators", summary: "企业月度指标（新月份在前）", tag: "企业", parameters: [idParam], response: IndicatorListDTO.self),
                      EnterprisesAPI.indicators),
            RouteSpec(.PUT, RegisterDeclaration.enterprises.apiPath + "/:id/indicators/:period", .write(policy),
                      doc: APIOperation(operationID: "putEnterpriseIndicator", summary: "填报或更正企业某月指标（金额单位万元）", tag: "企业",
                                        parameters: [idParam, periodParam], request: .json(IndicatorInput.self), response: IndicatorDTO.self),
                      EnterprisesAPI.putIndicator),
        ])
    }
}
