/// The part of a company's name that says which company it is, so one company written two ways is
/// found as one: "无锡华润微电子有限公司" and "华润微电子（无锡）有限公司" both key "华润微电子".
/// Drops brackets (and the place or note inside them), a leading place name, the legal form at
/// the end, spaces and punctuation; Latin letters are folded to lower case.
public enum CompanyNameKey {
    public static func of(_ name: String) -> String {
        var text = name.lowercased()
        // Bracketed parts: （无锡）, (Wuxi), 【…】 — each kind in turn, the first opening and the
        // first closing after it. By characters: Foundation's `range(of:)` bridged the name for
        // every search, a tenth of a lead import (BENCHMARKS.md, twenty-first session).
        for (open, close) in brackets {
            while let start = text.firstIndex(of: open), let end = text[text.index(after: start)...].firstIndex(of: close) {
                text.removeSubrange(start...end)
            }
        }
        text.removeAll { $0.isWhitespace || dropped.contains($0) }
        return withoutFormAndPlace(text)
    }

    /// `text` (lower case, without brackets, spaces and punctuation) without its legal forms at
    /// the end and a place at the start, where enough remains.
    static func withoutFormAndPlace(_ stripped: String) -> String {
        var text = stripped
        var changed = true
        while changed {
            changed = false
            for suffix in legalForms where text.hasSuffix(suffix) && text.count > suffix.count + 1 {
                text.removeLast(suffix.count)
                changed = true
            }
        }
        guard let first = text.first else { return text }
        let length = text.count
        for form in placePrefixes[first] ?? [] where text.hasPrefix(form) && length > form.count + 1 {
            text.removeFirst(form.count)
            return text
        }
        return text
    }

    static let brackets: [(Character, Character)] = [("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")]

    /// Punctuation dropped from a name.
    static let dropped = Set("·・.,，、-—_&'\"“”")

    /// What a place may put in front of a name — 无锡市, 江苏省, 无锡 — longest place first, by their
    /// first character, worked out once (sorting and joining them for every name, then testing
    /// each, was a seventh of a leads import).
    static let placePrefixes: [Character: [String]] = Dictionary(grouping: places.sorted { $0.count > $1.count }.flatMap { [$0 + "市", $0 + "省", $0] },
                                                                 by: { $0.first! })

    /// Legal forms and their common short forms, longest first where one contains another.
    static let legalForms = ["股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司", "集团", "公司",
                             "co.,ltd", "coltd", "limited", "ltd", "inc", "corporation", "corp", "gmbh", "株式会社"]

    /// Province-level regions and the cities a zone's documents most often put in front of a name.
    static let places = ["北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
                         "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
                         "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "无锡", "苏州", "南京", "常州", "南通", "杭州", "宁波", "深圳",
                         "广州", "成都", "武汉", "西安", "合肥", "厦门", "青岛", "大连", "沈阳", "长沙", "郑州", "济南", "东莞", "佛山",
                         "珠海", "昆山", "江阴", "宜兴", "新吴", "滨湖", "梁溪", "锡山", "惠山", "中国"]
}
