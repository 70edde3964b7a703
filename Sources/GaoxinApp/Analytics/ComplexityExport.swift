import GaoxinComplexity
import GaoxinSheets

/// The xlsx of one analysis: recommendations with every component, then locations and products
/// with their indices. Undefined values are empty cells, never a number.
enum ComplexityExport {
    static func cell(_ value: Double) -> SheetCell { value.isFinite ? .number(value) : .empty }

    static func tables(_ outcome: ComplexityAnalysis.Outcome, lang: UILanguage) -> [SheetTable] {
        let result = outcome.result
        let items = outcome.recommendations?.items ?? []
        let recommendations = SheetTable(name: lang.t("推荐产业", "Recommendations"), rows: [
            [lang.t("名次", "Rank"), lang.t("产业", "Industry"), "RCA", lang.t("密度", "Density"), "PCI", "COG",
             lang.t("密度贡献", "Density part"), lang.t("PCI 贡献", "PCI part"), lang.t("COG 贡献", "COG part"), lang.t("得分", "Score")].map { SheetCell.text($0) },
        ] + items.map { item in
            [.integer(Int64(item.rank)), .text(item.product), cell(item.rca), cell(item.density), cell(item.pci), cell(item.cog),
             cell(item.densityContribution), cell(item.pciContribution), cell(item.cogContribution), cell(item.score)]
        })
        let locations = SheetTable(name: lang.t("地区", "Locations"), rows: [
            [lang.t("地区", "Location"), "ECI", lang.t("多样性", "Diversity"), "COI"].map { SheetCell.text($0) },
        ] + result.locations.indices.map { i in [.text(result.locations[i]), cell(result.eci[i]), cell(result.diversity[i]), cell(result.coi[i])] })
        let products = SheetTable(name: lang.t("产业", "Products"), rows: [
            [lang.t("产业", "Industry"), "PCI", lang.t("普遍性", "Ubiquity")].map { SheetCell.text($0) },
        ] + result.products.indices.map { p in [.text(result.products[p]), cell(result.pci[p]), cell(result.ubiquity[p])] })
        return [recommendations, locations, products]
    }
}
