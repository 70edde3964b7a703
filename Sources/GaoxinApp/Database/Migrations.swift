import Fluent
import Vapor

/// The one ordered list of migrations. Append only (M0060 and M0061 are the exceptions, placed
/// where their tables must exist); never edit a landed migration.
enum Migrations {
    static let all: [any Migration] = [
        M0001_CreateUnits(),
        M0002_CreateUsers(),
        M0003_CreateSessionsAndTokens(),
        M0004_CreateAuditLog(),
        M0005_CreateJobs(),
        M0006_CreateComplexityDatasets(),
        M0007_UpdateUnitsAddSiblingNameIndex(),
        M0008_UpdateUnitsAddTreeKey(),
        M0009_CreateEnterprises(),
        M0010_UpdateComplexityDatasetsAddSource(),
        M0011_CreateClustersAndChains(),
        M0012_CreateEnterpriseQualifications(),
        M0013_CreateChainLeaderDecisions(),
        M0014_UpdateAuditLogRefuseOverwrites(),
        M0015_CreatePolicies(),
        M0016_CreateFunds(),
        M0017_CreatePlatforms(),
        M0018_CreatePromotionOrganisations(),
        M0019_CreateTalents(),
        M0020_CreateBrandEvents(),
        M0021_CreateAdvisors(),
        M0022_CreateCertifiedStaff(),
        M0023_CreateAwards(),
        M0024_UpdateNamesAddPinyinSortKeys(),
        // Out of number order on purpose: the search code M0025 and later migrations run writes
        // the filings M0060 makes and empties the recent postings M0061 makes (see their
        // comments); an existing database runs them next.
        M0060_CreateSearchFilings(),
        M0061_CreateSearchGramsRecent(),
        M0025_CreateSearchGrams(),
        M0026_CreateEnterpriseCounts(),
        M0027_CreateMonthlyFigures(),
        M0028_CreateClusterFigures(),
        M0029_CreateClusterStructures(),
        M0030_CreateChecklists(),
        M0031_CreateTargetCompanies(),
        M0032_CreateEnterpriseService(),
        M0033_CreateRecentRevenue(),
        M0034_CreateZoneIndicators(),
        M0035_CreateAttractionAndProjects(),
        M0036_UpdateAttractionIndexes(),
        M0037_CreateLeadFollowUp(),
        M0038_CreateProjectInvestments(),
        M0039_CreateReminders(),
        M0040_CreateTargetMetrics(),
        M0041_CreateLeadBoardIndex(),
        M0042_CreateWarningIndexes(),
        M0043_CreateLeadUnitBoardIndex(),
        M0044_CreatePeriodCloses(),
        M0045_CreateBulletins(),
        M0046_CreateAssessment(),
        M0047_CreateZoneKpis(),
        M0048_CreateFigureCache(),
        M0049_CreateParks(),
        M0050_CreateScenarios(),
        M0051_CreateChainNodeOwners(),
        M0052_UpdateClusterStructureUnit(),
        M0053_CreateReferenceIndexes(),
        M0054_UpdateFigureCacheAddClaim(),
        M0055_UpdateIndicatorTriggersDeferrable(),
        M0056_UpdateClustersDeclared(),
        M0057_UpdateUnitsDeclared(),
        M0058_CreateClusterProjectIndexes(),
        M0059_UpdateUsersDeclared(),
        M0062_UpdateEnterprisesUnitIndex(),
        M0063_CreateEnterpriseListIndexes(),
        M0064_CreateAttractionSortIndexes(),
        M0065_CreateRecordLookupIndexes(),
        M0066_CreateChoiceOrderIndexes(),
    ]

    static func register(on app: Application) {
        for migration in all { app.migrations.add(migration) }
    }
}
