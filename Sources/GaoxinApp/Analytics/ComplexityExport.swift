import GaoxinComplexity
import GaoxinSheets

/// The xlsx of one analysis: recommendations with every component, then locations and products
/// with their indices. Undefined values are empty cells, never a number.
enum ComplexityExport {
    static func cell(_ value: Double) -> SheetCell { value.isFinite ? .number(value) : .empty }

    static func tables(_ outcome: ComplexityAnalysis.Outcome, lang: UILanguage) -> [SheetTable] {
        let result = outcome.result
        let items = outcome.recommendations?.items ?? []
        let gaps = outcome.chainGaps
        let fillsHeading: [String] = gaps == nil ? [] : [lang.t("可补链 / 强链环节", "Fills gap / weak node")]
        let recommendations = SheetTable(name: lang.t("推荐产业", "Recommendations"), rows: [
            ([lang.t("名次", "Rank"), lang.t("产业", "Industry"), "RCA", lang.t("密度", "Density"), "PCI", "COG",
              lang.t("密度贡献", "Density part"), lang.t("PCI 贡献", "PCI part"), lang.t("COG 贡献", "COG part"), lang.t("得分", "Score")] + fillsHeading).map { SheetCell.text($0) },
        ] + items.map { item in
            let fills: [SheetCell] = gaps.map { gaps in
                let names = (gaps.fills[item.product] ?? []).map { ($0.strength == .missing ? lang.t("补链：", "fills: ") : lang.t("强链：", "strengthens: ")) + $0.name }
                return [names.isEmpty ? .empty : .text(names.joined(separator: "；"))]
            } ?? []
            return [.integer(Int64(item.rank)), .text(item.product), cell(item.rca), cell(item.density), cell(item.pci), cell(item.cog),
                    cell(item.densityContribution), cell(item.pciContribution), cell(item.cogContribution), cell(item.score)] + fills
        })
        let locations = SheetTable(name: lang.t("地区", "Locations"), rows: [
            [lang.t("地区", "Location"), "ECI", lang.t("多样性", "Diversity"), "COI"].map { SheetCell.text($0) },
        ] + result.locations.indices.map { i in [.text(result.locations[i]), cell(result.eci[i]), cell(result.diversity[i]), cell(result.coi[i])] })
        let products = SheetTable(name: lang.t("产业", "Products"), rows: [
            [lang.t("产业", "Industry"), "PCI", lang.t("普遍性", "Ubiquity")].map { SheetCell.text($0) },
        ] + result.products.indices.map { p in [.text(result.products[p]), cell(result.pci[p]), cell(result.ubiquity[p])] })
        guard let gaps else { return [recommendations, locations, products] }
        let chain = SheetTable(name: lang.t("产业链缺口", "Chain gaps"), rows: [
            [lang.t("环节", "Node"), lang.t("强弱", "Strength"), lang.t("行业代码", "Codes"), lang.t("可招引的推荐产业", "Recommended industries")].map { SheetCell.text($0) },
        ] + gaps.gaps.map { gap in
            [.text(gap.node.name), .text(gap.node.strength == .missing ? lang.t("缺失", "missing") : lang.t("薄弱", "weak")),
             .text(gap.node.productCodes.joined(separator: ", ")), .text(gap.candidates.map(\.product).joined(separator: "、"))]
        })
        return [recommendations, locations, products, chain]
    }
}
