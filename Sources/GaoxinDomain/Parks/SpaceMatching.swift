/// 项目空间要素智能匹配 (SPEC §2.6, seed 002): a project's needs against the space units on offer.
/// Hard constraints filter — the kind, the area range, floor load, clear height and power at least
/// the need, available by the day it is needed — and soft ones score: industry fit with the park,
/// price within budget, area near the middle of the range, how soon it is free, the park's level.
/// Every score carries its reasons (earned of weight, in words), so a ranking can be argued with.
public enum SpaceMatching {
    public struct Need: Sendable, Equatable {
        public var kind: SpaceKind
        /// m²; either bound may be open.
        public var areaMin: Int64?
        public var areaMax: Int64?
        /// kN/m² in tenths; m in tenths; kVA.
        public var floorLoadTenths: Int64?
        public var clearHeightTenths: Int64?
        public var powerKVA: Int64?
        /// GB/T 4754 code digits (3973): the industry the project is in.
        public var industry: String?
        /// 元/m²·月 in hundredths; 万元 for buying outright.
        public var maxRentCents: Int64?
        public var maxPriceWan: Int64?
        public var neededBy: CalendarDay?

        /// The area a space is measured against: the middle of the range, or its one bound.
        public var targetArea: Int64? {
            switch (areaMin, areaMax) {
            case let (min?, max?): return (min + max) / 2
            case let (min?, nil): return min
            case let (nil, max?): return max
            default: return nil
            }
        }

        public init(kind: SpaceKind, areaMin: Int64? = nil, areaMax: Int64? = nil, floorLoadTenths: Int64? = nil, clearHeightTenths: Int64? = nil,
                    powerKVA: Int64? = nil, industry: String? = nil, maxRentCents: Int64? = nil, maxPriceWan: Int64? = nil, neededBy: CalendarDay? = nil) {
            self.kind = kind
            self.areaMin = areaMin
            self.areaMax = areaMax
            self.floorLoadTenths = floorLoadTenths
            self.clearHeightTenths = clearHeightTenths
            self.powerKVA = powerKVA
            self.industry = industry
            self.maxRentCents = maxRentCents
            self.maxPriceWan = maxPriceWan
            self.neededBy = neededBy
        }
    }

    public struct Offer: Sendable, Equatable {
        public let id: Int
        public let kind: SpaceKind
        public let area: Int64
        public var floorLoadTenths: Int64?
        public var clearHeightTenths: Int64?
        public var powerKVA: Int64?
        public var rentCents: Int64?
        public var salePriceWan: Int64?
        /// Nil: free now.
        public var availableFrom: CalendarDay?
        /// The park's lead industries (code digits) and level.
        public var parkIndustries: [String]
        public var parkLevel: ParkLevel

        public init(id: Int, kind: SpaceKind, area: Int64, floorLoadTenths: Int64? = nil, clearHeightTenths: Int64? = nil, powerKVA: Int64? = nil,
                    rentCents: Int64? = nil, salePriceWan: Int64? = nil, availableFrom: CalendarDay? = nil, parkIndustries: [String] = [], parkLevel: ParkLevel = .none) {
            self.id = id
            self.kind = kind
            self.area = area
            self.floorLoadTenths = floorLoadTenths
            self.clearHeightTenths = clearHeightTenths
            self.powerKVA = powerKVA
            self.rentCents = rentCents
            self.salePriceWan = salePriceWan
            self.availableFrom = availableFrom
            self.parkIndustries = parkIndustries
            self.parkLevel = parkLevel
        }
    }

    /// A soft criterion and its weight; the weights of the criteria a need states sum to its scale.
    public enum Criterion: String, Sendable, CaseIterable, Codable {
        case industry, budget, area, timing, parkLevel

        public var weight: Int {
            switch self {
            case .industry: return 30
            case .budget: return 25
            case .area: return 20
            case .timing: return 15
            case .parkLevel: return 10
            }
        }

        public var nameZh: String {
            switch self {
            case .industry: return "产业契合"
            case .budget: return "价格预算"
            case .area: return "面积贴合"
            case .timing: return "交付时间"
            case .parkLevel: return "园区级别"
            }
        }

        public var nameEn: String {
            switch self {
            case .industry: return "Industry fit"
            case .budget: return "Budget"
            case .area: return "Area fit"
            case .timing: return "Availability"
            case .parkLevel: return "Park level"
            }
        }

        public var ruleZh: String {
            switch self {
            case .industry: return "园区主导产业与项目同一小类得满分，同一中类 0.8，同一大类 0.5，否则 0"
            case .budget: return "租金或售价不超过预算得满分，超出部分按比例扣减，超出 50% 得 0（取租、售中较好者）"
            case .area: return "面积等于需求区间中点得满分，偏离中点的比例按比例扣减"
            case .timing: return "现可交付得满分；晚于今天的按等待天数占距需求日天数（无需求日按 180 天）的比例扣减"
            case .parkLevel: return "国家级 1、省级 0.7、市级 0.4、未认定 0.2"
            }
        }

        public var ruleEn: String {
            switch self {
            case .industry: return "Full for the same industry class as a park lead industry, 0.8 same group, 0.5 same division, else 0"
            case .budget: return "Full within budget; over budget scaled down, 0 at 50% over (the better of rent and sale)"
            case .area: return "Full at the middle of the range, scaled down by the share it is off"
            case .timing: return "Full when free now; later scaled down by the wait against the days until needed (180 without a date)"
            case .parkLevel: return "National 1, provincial 0.7, municipal 0.4, not recognised 0.2"
            }
        }
    }

    public struct Reason: Sendable, Equatable, Codable {
        public let criterion: Criterion
        public let weight: Int
        /// Points earned of `weight`, one decimal.
        public let earned: Double
        public let textZh: String
        public let textEn: String
    }

    public struct Match: Sendable, Equatable {
        public let offer: Offer
        /// 0–100 over the criteria the need states.
        public let score: Double
        public let reasons: [Reason]
    }

    /// Why an offer fails a hard constraint (nil: it passes). The query applies the same rules in SQL;
    /// this keeps the ranking honest whatever the query returned.
    public static func hardFailure(_ need: Need, _ offer: Offer) -> String? {
        if offer.kind != need.kind { return "类型不符" }
        if let min = need.areaMin, offer.area < min { return "面积小于需求" }
        if let max = need.areaMax, offer.area > max { return "面积大于需求" }
        if need.kind.hasBuilding {
            if let needed = need.floorLoadTenths, (offer.floorLoadTenths ?? 0) < needed { return "楼面荷载不足" }
            if let needed = need.clearHeightTenths, (offer.clearHeightTenths ?? 0) < needed { return "净高不足" }
        }
        if let needed = need.powerKVA, (offer.powerKVA ?? 0) < needed { return "供电容量不足" }
        if let by = need.neededBy, let from = offer.availableFrom, from > by { return "晚于需求日期才可交付" }
        return nil
    }

    /// The offers that pass the hard constraints, best first (ties: larger id last, so the order is stable).
    public static func rank(_ need: Need, _ offers: [Offer], today: CalendarDay) -> [Match] {
        offers.filter { hardFailure(need, $0) == nil }
            .map { score(need, $0, today: today) }
            .sorted { ($0.score, -$0.offer.id) > ($1.score, -$1.offer.id) }
    }

    /// The criteria a need states: industry only with an industry, budget only with a budget, area only with a range.
    public static func criteria(for need: Need) -> [Criterion] {
        Criterion.allCases.filter { criterion in
            switch criterion {
            case .industry: return need.industry != nil
            case .budget: return need.maxRentCents != nil || need.maxPriceWan != nil
            case .area: return need.areaMin != nil || need.areaMax != nil
            case .timing, .parkLevel: return true
            }
        }
    }

    public static func score(_ need: Need, _ offer: Offer, today: CalendarDay) -> Match {
        let reasons = criteria(for: need).map { reason($0, need, offer, today: today) }
        let weights = reasons.reduce(0) { $0 + $1.weight }
        let earned = reasons.reduce(0.0) { $0 + $1.earned }
        let score = weights == 0 ? 0 : (earned / Double(weights) * 1000).rounded() / 10
        return Match(offer: offer, score: score, reasons: reasons)
    }

    static func reason(_ criterion: Criterion, _ need: Need, _ offer: Offer, today: CalendarDay) -> Reason {
        let (share, zh, en) = part(criterion, need, offer, today: today)
        let earned = (Double(criterion.weight) * max(0, min(1, share)) * 10).rounded() / 10
        return Reason(criterion: criterion, weight: criterion.weight, earned: earned, textZh: zh, textEn: en)
    }

    private static func part(_ criterion: Criterion, _ need: Need, _ offer: Offer, today: CalendarDay) -> (Double, String, String) {
        switch criterion {
        case .industry: return industryFit(need.industry ?? "", offer.parkIndustries)
        case .budget: return budgetFit(need, offer)
        case .area: return areaFit(need, offer)
        case .timing: return timingFit(need, offer, today: today)
        case .parkLevel:
            let share: Double
            switch offer.parkLevel {
            case .national: share = 1
            case .provincial: share = 0.7
            case .municipal: share = 0.4
            case .none: share = 0.2
            }
            return (share, "园区级别：\(offer.parkLevel.nameZh)", "Park level: \(offer.parkLevel.nameEn)")
        }
    }

    private static func industryFit(_ wanted: String, _ industries: [String]) -> (Double, String, String) {
        func name(_ code: String) -> String {
            guard case .success(let parsed) = IndustryCode.parse(code) else { return code }
            return IndustryCatalogue.standard.display(parsed)
        }
        var best: (Double, String, String) = (0, "园区主导产业与项目行业（\(name(wanted))）不同大类",
                                              "No park lead industry shares the project's division (\(wanted))")
        for code in industries {
            let shared = zip(code, wanted).prefix { $0 == $1 }.count
            let candidate: (Double, String, String)?
            if shared >= 4 || (shared == code.count && shared == wanted.count) {
                candidate = (1, "园区主导产业含 \(name(code))，与项目同一小类", "Park lead industry \(code) is the project's class")
            } else if shared >= 3 {
                candidate = (0.8, "园区主导产业 \(name(code)) 与项目同一中类", "Park lead industry \(code) shares the project's group")
            } else if shared >= 2 {
                candidate = (0.5, "园区主导产业 \(name(code)) 与项目同一大类", "Park lead industry \(code) shares the project's division")
            } else {
                candidate = nil
            }
            if let candidate, candidate.0 > best.0 { best = candidate }
        }
        return best
    }

    private static func budgetFit(_ need: Need, _ offer: Offer) -> (Double, String, String) {
        func fit(_ price: Int64, _ budget: Int64) -> Double {
            price <= budget ? 1 : max(0, 1 - Double(price - budget) / (0.5 * Double(max(budget, 1))))
        }
        var options: [(Double, String, String)] = []
        if let budget = need.maxRentCents {
            if let rent = offer.rentCents {
                let rentText = ScaledDecimal(scaled: rent, places: 2).text, budgetText = ScaledDecimal(scaled: budget, places: 2).text
                options.append((fit(rent, budget), "租金 \(rentText) 元/m²·月，预算 \(budgetText)", "Rent \(rentText) yuan/m²/month, budget \(budgetText)"))
            } else {
                options.append((0, "未标租金", "No rent given"))
            }
        }
        if let budget = need.maxPriceWan {
            if let price = offer.salePriceWan {
                options.append((fit(price, budget), "售价 \(Wan(price).yiText) 亿元，预算 \(Wan(budget).yiText) 亿元", "Price \(Wan(price).yiText), budget \(Wan(budget).yiText) (100m yuan)"))
            } else {
                options.append((0, "未标售价", "No sale price given"))
            }
        }
        return options.max { $0.0 < $1.0 } ?? (0, "", "")
    }

    private static func areaFit(_ need: Need, _ offer: Offer) -> (Double, String, String) {
        let target = need.targetArea ?? offer.area
        let off = target == 0 ? 0 : Double(abs(offer.area - target)) / Double(target)
        let percent = Int((off * 100).rounded())
        return (1 - off, "面积 \(Wan.grouped(UInt64(offer.area))) m²，偏离需求中点 \(percent)%",
                "Area \(offer.area) m², \(percent)% off the middle of the range")
    }

    private static func timingFit(_ need: Need, _ offer: Offer, today: CalendarDay) -> (Double, String, String) {
        guard let from = offer.availableFrom, from > today else { return (1, "现可交付", "Free now") }
        let wait = today.days(to: from)
        let horizon = need.neededBy.map { max(1, today.days(to: $0)) } ?? 180
        return (1 - Double(wait) / Double(horizon), "\(from) 起可交付，需等待 \(wait) 天", "Free from \(from), \(wait) days away")
    }
}
