import GaoxinDomain
import GaoxinSheets

/// How a field's value reads: on a page (money in 亿元, choices and industries by name,
/// references by the target's name) and in the export (the import's own format).
enum RegisterDisplay {
    static func text(_ field: RegisterField, _ record: RegisterRecord, _ lang: UILanguage) -> String {
        guard let value = record.values[field.key] else { return "" }
        switch (field.kind, value) {
        case (.money, .integer(let wan)): return Wan(wan).yiText
        case (.area, .integer(let area)): return Wan.grouped(UInt64(max(0, area)))
        case (.integer, .integer(let number)): return String(number)
        case (.decimal(let places, _, _), .integer(let scaled)): return ScaledDecimal(scaled: scaled, places: places).groupedText
        case (.flag, .flag(let flag)): return flag ? lang.t("是", "Yes") : lang.t("否", "No")
        case (.choice(let choices), .text(let code)): return choices.first { $0.value == code }.map { lang.t($0.zh, $0.en) } ?? code
        case (.choices(let choices), .text(let codes)): return RegisterChoiceSet.labels(codes, choices, lang)
        case (.timestamp, .text(let moment)): return RegisterTimestamp.date(moment).map(DisplayFormat.dateTime) ?? moment
        case (.secret, _): return ""
        case (.industry, .text(let code)): return IndustryDisplay.text(code, lang)
        case (.reference, _), (.references, _): return (record.referenceNames[field.key] ?? []).joined(separator: "、")
        case (_, .text(let text)): return text
        default: return ""
        }
    }

    /// The cell an export writes, so the import reads it back as the same value.
    static func cell(_ field: RegisterField, _ record: RegisterRecord) -> SheetCell {
        guard let value = record.values[field.key] else { return .empty }
        switch (field.kind, value) {
        case (.money, .integer(let number)), (.area, .integer(let number)), (.integer, .integer(let number)): return .integer(number)
        case (.decimal(let places, _, _), .integer(let scaled)): return .number(ScaledDecimal(scaled: scaled, places: places).value)
        case (.flag, .flag(let flag)): return .text(flag ? "是" : "否")
        case (.choice(let choices), .text(let code)): return .text(choices.first { $0.value == code }?.zh ?? code)
        case (.choices(let choices), .text(let codes)): return .text(RegisterChoiceSet.labels(codes, choices, .zh))
        case (.timestamp, .text(let moment)): return .text(RegisterTimestamp.date(moment).map(DisplayFormat.dateTime) ?? moment)
        case (.secret, _): return .empty
        case (.reference, _), (.references, _):
            // A unit by its code where it has one (names repeat across the tree), else by name; the import takes either.
            let names = record.referenceNames[field.key] ?? []
            let codes = record.referenceCodes[field.key] ?? []
            return .text(names.enumerated().map { index, name in (index < codes.count ? codes[index] : nil) ?? name }.joined(separator: "、"))
        // “3973 集成电路制造”: readable in the spreadsheet, and the import takes a code followed by its name.
        case (.industry, .text(let code)): return .text(IndustryDisplay.text(code, .zh))
        case (_, .text(let text)): return .text(text)
        default: return .empty
        }
    }
}
