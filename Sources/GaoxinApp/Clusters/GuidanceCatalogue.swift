import GaoxinDomain
import GaoxinSheets

/// The investment guidance catalogue (招商指导目录, SPEC §2.2): the chain attraction map in list
/// form — every node with its segment, strength and the rule's reasons, what to do about it
/// (补链 / 强链), its products and codes, and the local enterprises.
enum GuidanceCatalogue {
    static func table(_ map: ChainMapDTO, lang: UILanguage) -> SheetTable {
        let header = [lang.t("位置", "Segment"), lang.t("环节", "Node"), lang.t("强弱", "Strength"), lang.t("方向", "Action"),
                      lang.t("判定依据", "Reasons"), lang.t("关键产品与技术", "Key products"), lang.t("行业代码", "Industry codes"),
                      lang.t("本地企业数", "Local enterprises"), lang.t("近 12 个月营收（亿元）", "Revenue, 12 months (100m yuan)"),
                      lang.t("本地企业", "Enterprises"), lang.t("招商目标企业", "Target companies")].map { SheetCell.text($0) }
        let rows: [[SheetCell]] = map.nodes.map { node in
            let segment = ChainSegment(rawValue: node.segment)
            let strength = NodeStrength(rawValue: node.strength) ?? .missing
            return [
                .text(segment.map { lang.t($0.nameZh, $0.nameEn) } ?? node.segment),
                .text(String(repeating: "　", count: node.depth) + node.name),
                .text(lang.t(strength.nameZh, strength.nameEn)),
                .text(strength == .strong ? "" : strength.actionZh),
                node.reasons.isEmpty ? .empty : .text(lang.t(node.reasons.joined(separator: "；"), node.reasonsEn.joined(separator: "; "))),
                node.products.map { .text($0) } ?? .empty,
                .text(node.industryCodes.joined(separator: ", ")),
                .integer(Int64(node.enterpriseCount)),
                .number((Double(node.revenue) / 100).rounded() / 100),
                node.enterprises.isEmpty ? .empty : .text(node.enterprises.map(\.name).joined(separator: "、")),
                node.targetCompanies.isEmpty ? .empty : .text(node.targetCompanies.map(\.name).joined(separator: "、")),
            ]
        }
        let note: [[SheetCell]] = [[], [.text(lang.t("强弱判定：", "Rule: ") + map.rule + "（\(map.revenueFrom)–\(map.revenueTo)）")]]
        return SheetTable(name: lang.t("招商指导目录", "Guidance catalogue"), rows: [header] + rows + note)
    }
}
