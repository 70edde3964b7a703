import Fluent
import Foundation
import GaoxinComplexity
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// Builds a dataset from the zone's own enterprise figures. The dataset is a snapshot: later
/// corrections to the figures do not change a ranking someone has already read; build a new one.
enum ZoneDatasetWrites {
    /// The form and the API body; years as text so a typing error is a field message, not a decode failure.
    struct Input: Content, APISchema {
        var name: String?
        var fromYear: String?
        var toYear: String?
        var level: String?
        var aboveScaleOnly: Bool?

        static let schemaName = "ZoneComplexityDatasetInput"
        static var openAPISchema: JSONSchema {
            .object(properties: [
                "name": .string(required: false, maxLength: 100),
                "fromYear": .string(required: true, pattern: "^(199[0-9]|20[0-9]{2})$"), "toYear": .string(required: false, pattern: "^(199[0-9]|20[0-9]{2})$"),
                "level": .string(required: false, allowedValues: ["2", "3", "4"]), "aboveScaleOnly": .boolean(required: false),
            ])
        }
    }

    static func options(_ input: Input, now: Date, into v: inout FieldValidator) -> ZoneMatrix.Options? {
        let thisYear = IndicatorWrites.currentPeriod(now).year
        func year(_ field: String, _ text: String?, label: String) -> Int? {
            let raw = (text ?? "").trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { v.add(.required(field, label: label, labelEn: field)); return nil }
            guard raw.count == 4, let value = Int(raw), (1990...thisYear).contains(value) else {
                v.add(.invalid(field, zh: "\(label)应为 1990 到 \(thisYear) 之间的四位年份", en: "Year out of range"))
                return nil
            }
            return value
        }
        let from = year("fromYear", input.fromYear, label: "起始年份")
        let to = (input.toYear ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? from : year("toYear", input.toYear, label: "截止年份")
        if let from, let to {
            if to < from { v.add(.invalid("toYear", zh: "截止年份不能早于起始年份", en: "The last year is before the first")) }
            if to - from >= 10 { v.add(.invalid("toYear", zh: "一次最多取 10 年", en: "At most 10 years")) }
        }
        let levelText = (input.level ?? "4").trimmingCharacters(in: .whitespaces)
        let level = Int(levelText.isEmpty ? "4" : levelText)
        if level == nil || !(2...4).contains(level!) { v.add(.invalid("level", zh: "行业层级只能是 2、3 或 4 位", en: "Level must be 2, 3 or 4")) }
        guard v.isValid, let from, let to, let level else { return nil }
        return ZoneMatrix.Options(fromYear: from, toYear: to, level: level, aboveScaleOnly: input.aboveScaleOnly ?? false)
    }

    static func create(_ input: Input, _ req: Request) async throws -> ComplexityDataset {
        var v = FieldValidator()
        let customName = v.optionalText("name", input.name, label: "数据集名称", labelEn: "Name", max: 100)
        guard let options = options(input, now: req.now, into: &v) else { throw ValidationFailed(v.errors) }
        let sums = try await ZoneMatrix.sums(options, on: req.sql)
        let locations = try await ZoneMatrix.locations(on: req.db)
        let outcome = ZoneMatrix.aggregate(sums, location: { locations[$0] }, level: options.level)
        let requested = options.fromYear == options.toYear ? "\(options.fromYear)" : "\(options.fromYear)–\(options.toYear)"
        guard !outcome.observations.isEmpty else {
            throw ValidationFailed([.invalid("fromYear", zh: "\(requested) 年没有可用的企业营业收入数据，请先填报或导入企业月度指标", en: "No enterprise revenue in these years")])
        }
        // Named after the years that have data, not the range asked for.
        let present = Set(outcome.observations.map(\.year)).sorted()
        let years = present.count == 1 ? present[0] : "\(present.first!)–\(present.last!)"
        let missing = (options.fromYear...options.toYear).map(String.init).filter { !present.contains($0) }
        // The same checks an upload passes, so a matrix the computation cannot use is refused here.
        var builder = ComplexityTableBuilder(policy: .strict)
        do {
            for (index, o) in outcome.observations.enumerated() {
                try builder.append(year: o.year, location: o.loc, product: o.prod, value: o.val, line: index + 1)
            }
            let table = try builder.build()
            for year in table.years { _ = try EconomicComplexity.computeYear(year) }
        } catch let error as ComplexityInputError {
            throw ValidationFailed([.invalid("fromYear", zh: "本区数据还不能计算：" + error.messageZh, en: error.messageEn)])
        }
        let scope = options.aboveScaleOnly ? "规上企业" : "全部在册企业"
        var description = "本区企业营业收入：\(years) 年，按板块 × 行业\(ZoneMatrix.levelName(options.level))，\(scope)，共 \(outcome.enterpriseCount) 家。"
        if !missing.isEmpty { description += "所选年份中 \(missing.joined(separator: "、")) 年没有营业收入数据，未包含。" }
        for (year, last) in outcome.partialYears.sorted(by: { $0.key < $1.key }) {
            description += "\(year) 年数据截至 \(last)（年内累计）。"
        }
        if outcome.skippedCoarse > 0 {
            description += "\(outcome.skippedCoarse) 家企业的行业代码比所选层级粗，未计入。"
        }
        let name = customName ?? "本区企业营收 \(years)（板块 × 行业\(ZoneMatrix.levelName(options.level).prefix(2))）"
        return try await ComplexityDatasetWrites.store(name: name, measure: .revenue, observations: outcome.observations, source: "zone",
                                                       description: description, summary: "由本区企业数据生成产业复杂度数据集“\(name)”", req)
    }
}
