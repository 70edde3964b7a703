/// Every route of the product, feature by feature. The registrar, the OpenAPI document and the
/// role × route test all read this one list.
enum AppRoutes {
    static var all: [RouteSpec] {
        SystemRoutes.all
            + AccountRoutes.all
            + OrganisationRoutes.all
            + UserRoutes.all
            + EnterpriseRoutes.all
            + ClusterRoutes.all
            + AuditRoutes.all
            + ExchangeRoutes.all
            + JobRoutes.all
            + AnalyticsRoutes.all
            + RegisterRoutes.all
            + AttractionRoutes.all
            + PeriodPages.routes
            + BulletinPages.routes
            + AssessmentPages.routes
            + ZoneKpiPages.routes
            + BigScreenPages.routes
            + ParkRoutes.all
            + InvestmentRestatement.routes
    }
}
