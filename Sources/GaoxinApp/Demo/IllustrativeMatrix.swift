/// An illustrative regions × industries matrix for the demo's 目标产业推荐: the thirteen cities of a
/// province (`ProvinceNames.cities`) × 34 GB/T 4754-2017 divisions (manufacturing 13–43 and
/// information services 63–65). Made up — the dataset's name and description say so — but built
/// the way real matrices look, so the method has something to separate: each city has a
/// capability, each industry a sophistication; a city runs some of the industries within its
/// reach — few when weak, many when capable — led by the specialities the province is known for
/// (徐州 machinery, 连云港 and 泰州 medicine, 南通 ships…), with deterministic noise. Eight boards × ten industries (the old demo) gave every ECI ±1.000 and nine scores tied.
enum IllustrativeMatrix {
    static let year = "2024"
    /// `ComplexityDataset.source` of this dataset: its products are GB/T codes, shown with names, and it is tagged 示意数据.
    static let source = "illustrative"
    static let defaultLocation = "无锡"
    static let nameZh = "示意：江苏 13 个设区市 × 行业大类规上营收（虚构数据，仅用于演示方法）"
    static let descriptionZh = "本数据集为演示用的示意数据，不是统计数据：13 个设区市 × 34 个国民经济行业大类（GB/T 4754-2017）的规上营业收入（亿元），"
        + "按“城市产业能力越强、能做的产业越复杂”的一般规律生成，并加入各市公认的特色产业。用于了解方法，不作决策依据；实际使用请上传统计数据或由本区企业数据生成。"

    /// Division codes and how sophisticated the industry is (0 simplest … 1 most complex).
    static let industries: [(code: String, sophistication: Double)] = [
        ("13", 0.10), ("14", 0.15), ("15", 0.12), ("16", 0.08), ("17", 0.22), ("18", 0.18), ("19", 0.14), ("20", 0.10),
        ("21", 0.16), ("22", 0.24), ("23", 0.20), ("24", 0.26), ("25", 0.40), ("26", 0.55), ("27", 0.80), ("28", 0.50),
        ("29", 0.38), ("30", 0.30), ("31", 0.35), ("32", 0.45), ("33", 0.32), ("34", 0.62), ("35", 0.70), ("36", 0.68),
        ("37", 0.74), ("38", 0.66), ("39", 0.88), ("40", 0.92), ("41", 0.28), ("42", 0.20), ("43", 0.36),
        ("63", 0.60), ("64", 0.84), ("65", 0.95),
    ]

    /// A city's capability (0…1) and economic size (亿元 of a typical industry it is strong in).
    static let cities: [String: (capability: Double, size: Double)] = [
        "苏州": (1.00, 900), "南京": (0.96, 600), "无锡": (0.92, 560), "常州": (0.82, 380), "南通": (0.72, 360),
        "扬州": (0.60, 240), "镇江": (0.62, 200), "泰州": (0.56, 220), "徐州": (0.52, 300), "盐城": (0.46, 260),
        "淮安": (0.40, 180), "连云港": (0.38, 150), "宿迁": (0.30, 140),
    ]

    /// Industries a city is known for, above what its capability alone would give.
    static let specialities: [String: [String]] = [
        "徐州": ["35", "34"], "连云港": ["27", "25"], "泰州": ["27", "37"], "南通": ["37", "17"], "盐城": ["36", "38"],
        "常州": ["38", "34"], "宿迁": ["15", "17"], "镇江": ["26", "30"], "扬州": ["37", "36"], "淮安": ["15", "39"],
        "无锡": ["39", "31", "40"], "南京": ["26", "65", "39"], "苏州": ["39", "36", "40"],
    ]

    struct Observation: Equatable {
        let location: String
        let product: String
        /// 亿元, two decimals.
        let value: Double
    }

    /// How many industries a city of this capability actually runs (the rest it could, it does not):
    /// weak cities concentrate in a few, capable ones spread over many — which is what makes
    /// diversity grow with capability and the matrix nested, as real ones are.
    static func breadth(_ capability: Double) -> Int { Int((4 + 28 * capability).rounded()) }

    static var observations: [Observation] {
        ProvinceNames.cities.map(\.short).flatMap { city -> [Observation] in
            let profile = cities[city] ?? (0.5, 200)
            let special = Set(specialities[city] ?? [])
            // In reach: industries not much above the city's capability; its specialities first,
            // then a fixed pseudo-random order, and it runs the first `breadth` of them.
            let inReach = industries.filter { $0.sophistication <= profile.capability + 0.05 }.map(\.code)
                .sorted { (special.contains($0) ? 0 : 1, unitNoise("r" + city + $0), $0) < (special.contains($1) ? 0 : 1, unitNoise("r" + city + $1), $1) }
            let runs = Set(inReach.prefix(breadth(profile.capability)))
            return industries.map { industry in
                let amount = 0.5 + unitNoise(city + industry.code)
                let share = runs.contains(industry.code) ? (special.contains(industry.code) ? 2.0 : 1.0) : 0.02
                return Observation(location: city, product: industry.code, value: (profile.size * share * amount * 100).rounded() / 100)
            }
        }
    }

    /// A deterministic number in [0, 1) from a text (FNV-1a), the same on every machine.
    static func unitNoise(_ text: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Double(hash % 10_000) / 10_000
    }
}
