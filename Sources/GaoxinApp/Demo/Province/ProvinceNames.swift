/// Enterprise names as a province's register holds them, generated deterministically from a
/// serial: a region (city or district), a two-character trade name (字号), an industry word and a
/// legal form, in the orders real names take — “无锡恒泰集成电路有限公司”, “华润微电子（无锡）有限公司”,
/// “江苏博远特钢股份有限公司”. Each serial below `capacity` gets a name no other serial gets: the
/// trade name, the industry and the legal-form round are a mixed-radix reading of the serial.
enum ProvinceNames {
    struct City {
        let name: String
        let short: String
        /// 行政区划代码 of the city, for its enterprises' credit codes.
        let division: String
        let districts: [String]
    }

    static let cities: [City] = [
        City(name: "南京市", short: "南京", division: "320100", districts: ["江宁", "浦口", "栖霞", "雨花台", "六合", "溧水"]),
        City(name: "无锡市", short: "无锡", division: "320200", districts: ["江阴", "宜兴", "梁溪", "锡山", "惠山", "滨湖", "新吴"]),
        City(name: "徐州市", short: "徐州", division: "320300", districts: ["铜山", "贾汪", "邳州", "新沂", "沛县", "睢宁"]),
        City(name: "常州市", short: "常州", division: "320400", districts: ["武进", "新北", "天宁", "钟楼", "金坛", "溧阳"]),
        City(name: "苏州市", short: "苏州", division: "320500", districts: ["昆山", "张家港", "常熟", "太仓", "吴江", "吴中", "相城"]),
        City(name: "南通市", short: "南通", division: "320600", districts: ["崇川", "通州", "海门", "如皋", "启东", "海安"]),
        City(name: "连云港市", short: "连云港", division: "320700", districts: ["连云", "海州", "赣榆", "东海", "灌云"]),
        City(name: "淮安市", short: "淮安", division: "320800", districts: ["清江浦", "淮阴", "洪泽", "涟水", "盱眙"]),
        City(name: "盐城市", short: "盐城", division: "320900", districts: ["亭湖", "盐都", "大丰", "东台", "射阳", "建湖"]),
        City(name: "扬州市", short: "扬州", division: "321000", districts: ["广陵", "邗江", "江都", "仪征", "高邮", "宝应"]),
        City(name: "镇江市", short: "镇江", division: "321100", districts: ["京口", "润州", "丹徒", "丹阳", "扬中", "句容"]),
        City(name: "泰州市", short: "泰州", division: "321200", districts: ["海陵", "高港", "姜堰", "兴化", "靖江", "泰兴"]),
        City(name: "宿迁市", short: "宿迁", division: "321300", districts: ["宿城", "宿豫", "沭阳", "泗阳", "泗洪"]),
    ]

    /// Characters trade names are made of, each once (their pairs are the trade names).
    static let tradeCharacters: [Character] = {
        var seen = Set<Character>()
        return Array("恒华锦新盛瑞嘉远宏天博中泰创晟达源科联芯通德誉拓鼎鑫隆昌荣兴润丰汇海金银信诚福康宁安永佳和美优卓越聚力精工明光辉辰星月云峰凯伟豪宇航飞腾龙凤麒麟振东南西北亿万千百益众合同协利祥顺吉圣正方圆智慧睿思维达新尚品雅致洁立恒久远长青松柏桥湖江川山岳").filter { seen.insert($0).inserted }
    }()

    /// Industry words and their GB/T 4754-2017 classes.
    static let industries: [(word: String, code: String)] = [
        ("集成电路", "3973"), ("半导体", "3972"), ("微电子", "3973"), ("光电", "3976"), ("电子科技", "3979"), ("智能装备", "3499"),
        ("特钢", "3130"), ("新材料", "2653"), ("化工", "2614"), ("纺织", "1711"), ("服饰", "1811"), ("环保科技", "3591"),
        ("电缆", "3831"), ("陶瓷", "3071"), ("软件", "6513"), ("信息技术", "6531"), ("汽车部件", "3670"), ("泵阀", "3441"),
        ("光伏", "3825"), ("医疗器械", "3581"), ("生物医药", "2761"), ("制药", "2720"), ("锂电", "3841"), ("新能源", "4415"),
        ("智能终端", "3919"), ("机械", "3429"), ("精密制造", "3484"), ("模具", "3525"), ("电机", "3811"), ("仓储物流", "5920"),
        ("食品", "1499"), ("包装", "2231"), ("建材", "3021"), ("铝业", "3216"), ("船舶", "3731"), ("风电装备", "3415"),
        ("检测技术", "7452"), ("数据科技", "6450"), ("机器人", "3491"), ("航空部件", "3744"),
    ]

    /// Legal forms; the round of a serial past `perRound` picks the next, so names stay unique.
    static let forms = ["有限公司", "科技有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "实业有限公司"]

    static var perRound: Int { tradeCharacters.count * tradeCharacters.count * industries.count }
    static var capacity: Int { perRound * forms.count }

    struct Generated: Equatable {
        let name: String
        let industryCode: String
        let city: Int
        let district: Int
    }

    static func enterprise(_ serial: Int) -> Generated {
        precondition(serial >= 0 && serial < capacity, "serial out of the name space")
        // A multiplier coprime with the trade-name space spreads neighbouring serials over it.
        let pairs = tradeCharacters.count * tradeCharacters.count
        let tradeIndex = (serial % pairs) &* 7_919 % pairs
        let trade = String([tradeCharacters[tradeIndex / tradeCharacters.count], tradeCharacters[tradeIndex % tradeCharacters.count]])
        let industry = industries[(serial / pairs) % industries.count]
        let form = forms[serial / perRound]
        let mixed = UInt64(truncatingIfNeeded: serial) &* 0x9E37_79B9_7F4A_7C15
        let city = Int((mixed >> 33) % UInt64(cities.count))
        let district = Int((mixed >> 17) % UInt64(cities[city].districts.count))
        let place = cities[city]
        let name: String
        switch (mixed >> 5) % 8 {
        case 0, 1, 2: name = place.short + trade + industry.word + form
        case 3, 4: name = place.districts[district] + trade + industry.word + form
        case 5: name = trade + industry.word + "（" + place.short + "）" + form
        case 6: name = "江苏" + trade + industry.word + form
        default: name = trade + industry.word + form
        }
        return Generated(name: name, industryCode: industry.code, city: city, district: district)
    }
}
