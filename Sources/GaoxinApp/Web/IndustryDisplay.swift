import GaoxinDomain

/// Industry codes as people read them, with their GB/T 4754-2017 names: “3973 集成电路制造”.
/// Every list, page and export that shows a stored code goes through here.
enum IndustryDisplay {
    static func text(_ code: String, _ lang: UILanguage) -> String {
        guard case .success(let parsed) = IndustryCode.parse(code) else { return code }
        return IndustryCatalogue.standard.display(parsed, english: lang == .en)
    }

    /// "（C 门类 制造业）" / " (section C, Manufacturing)", to follow a code and its name.
    static func section(_ code: String, _ lang: UILanguage) -> String {
        guard case .success(let parsed) = IndustryCode.parse(code), let letter = parsed.section else { return "" }
        let section = IndustrySection(letter: letter)
        return lang.t("（\(letter) 门类" + (section.map { " " + $0.nameZh } ?? "") + "）",
                      " (section \(letter)" + (section.map { ", " + $0.nameEn } ?? "") + ")")
    }

    /// Several codes (a chain node's), each with its name.
    static func list(_ codes: [String], _ lang: UILanguage) -> String {
        codes.map { text($0, lang) }.joined(separator: lang.t("、", "; "))
    }
}
