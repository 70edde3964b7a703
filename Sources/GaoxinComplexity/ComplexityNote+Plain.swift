/// What a note means for the person reading the ranking — in the words of an official, not of
/// the method: what to do or how far to trust the figures. `messageZh` keeps the exact technical
/// statement (for analysts and for comparing with other tools); pages show this first.
extension ComplexityNote {
    public var plainZh: String {
        switch self {
        case .coercedValues(let count, _, _):
            return "数据里有 \(count) 个空白或不是数字的格子，按 0 计算。请核对原始表格，补齐后重新导入。"
        case .proximityFilled(let pairs, _):
            return "所给的产业关联表缺少 \(pairs) 对产业之间的数值，按“无关联”计算。如有完整的关联表，请补齐后重新计算。"
        case .droppedDuplicates(let count, _):
            return "有 \(count) 行数据重复，只采用了第一次出现的那行。请核对原始表格是否重复填报。"
        case .zeroLocations(let year, let codes):
            return "\(year) 年 \(ComplexityInputError.list(codes)) 没有任何数据，未参加排名。"
        case .zeroProducts(let year, let codes):
            return "\(year) 年没有任何地区有 \(ComplexityInputError.list(codes)) 的数据，这些产业不参加排名。"
        case .noPresence(let year, let codes):
            return "\(year) 年 \(ComplexityInputError.list(codes)) 没有一个产业达到“有比较优势”的标准，导致这一年无法计算复杂度。可降低门槛或检查数据。"
        case .nowherePresent(let year, let codes):
            return "\(year) 年 \(ComplexityInputError.list(codes)) 在任何地区都没有形成比较优势，无法判断它与其他产业的关联，不参加推荐。"
        case .signUndefined(let year):
            return "\(year) 年各地区拥有的优势产业一样多，方法无法分出高低，复杂度排名为空。通常说明地区或产业太少，请使用更大的数据集。"
        case .signArbitrary(let year):
            return "\(year) 年复杂度高低的方向无法确定（排名可能整体颠倒）。通常说明数据集太小或地区之间太相似，排名只作参考。"
        case .eigenvectorUnavailable(let year):
            return "\(year) 年有数据的地区或产业不足两个，无法排名。"
        case .eigenvectorNotUnique(let year, _):
            return "\(year) 年的数据不足以给出唯一的排名（多种排名同样成立），结果只作参考。通常说明地区或产业太少，或地区之间互不相干。"
        case .disconnectedNetwork(let year, let parts, _):
            return "\(year) 年各地区的产业分成了 \(parts) 组互不交叉的板块，复杂度只能区分这几组，组内的先后不可靠。建议使用覆盖面更广的数据集。"
        case .undefinedProximity(let year, let codes):
            return "\(year) 年 \(ComplexityInputError.list(codes)) 在各地区的优势程度完全相同，无法判断它与其他产业的关联，相关得分为空。"
        }
    }

    public var plainEn: String {
        switch self {
        case .coercedValues(let count, _, _):
            return "\(count) cells were empty or not numbers and were counted as 0. Check the source table and import it again."
        case .proximityFilled(let pairs, _):
            return "The given table of links between industries lacks \(pairs) pairs, counted as unrelated. Complete it and compute again if you can."
        case .droppedDuplicates(let count, _):
            return "\(count) rows were repeated; only the first of each was used. Check the source table for double entries."
        case .zeroLocations(let year, let codes):
            return "In \(year) \(ComplexityInputError.list(codes)) had no data and are not ranked."
        case .zeroProducts(let year, let codes):
            return "In \(year) no location has data for \(ComplexityInputError.list(codes)); they are not ranked."
        case .noPresence(let year, let codes):
            return "In \(year) \(ComplexityInputError.list(codes)) have no industry with a comparative advantage, so the year cannot be computed. Lower the threshold or check the data."
        case .nowherePresent(let year, let codes):
            return "In \(year) \(ComplexityInputError.list(codes)) have a comparative advantage nowhere; their links to other industries are unknown and they are not recommended."
        case .signUndefined(let year):
            return "In \(year) every location has as many strong industries as every other, so the method cannot rank them. The dataset is usually too small."
        case .signArbitrary(let year):
            return "In \(year) the direction of the ranking cannot be told (it may be upside down). The dataset is usually too small or its locations too alike; treat the ranking as indicative."
        case .eigenvectorUnavailable(let year):
            return "In \(year) fewer than two locations or industries have data; nothing can be ranked."
        case .eigenvectorNotUnique(let year, _):
            return "In \(year) the data do not give a single ranking (several are equally valid); treat the result as indicative. Usually too few locations or industries, or unrelated locations."
        case .disconnectedNetwork(let year, let parts, _):
            return "In \(year) the locations' industries fall into \(parts) groups that share nothing; the ranking only tells the groups apart. Use a broader dataset."
        case .undefinedProximity(let year, let codes):
            return "In \(year) \(ComplexityInputError.list(codes)) are equally strong everywhere; their links to other industries are unknown and the scores that use them are empty."
        }
    }
}
