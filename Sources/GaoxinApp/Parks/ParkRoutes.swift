/// The park and scenario work's routes and the paths its menu item stands for.
enum ParkRoutes {
    static var all: [RouteSpec] { ParkPages.routes + SpaceMatchPages.routes + ScenarioPages.routes + PublicPages.routes }

    static let parkPaths = [RegisterDeclaration.parks, .parkTenants, .parkStatistics, .parkStandards, .parkCriteria, .spaces, .spaceNeeds].map(\.path)
        + [SpaceMatchPages.path]
    static let scenarioPaths = [RegisterDeclaration.scenarios, .scenarioApplications].map(\.path)
}
