extension ComplexityInputError {
    /// A complete sentence in Simplified Chinese: what is wrong, where, and what to do.
    public var messageZh: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "无法读取文件 \(path)：\(reason)。"
        case .cannotWrite(let path, let reason):
            return "无法写入文件 \(path)：\(reason)。"
        case .missingHeader:
            return "文件是空的或缺少表头行，第 1 行应为列名。"
        case .badHeader(let found, let expected):
            return "第 1 行表头为“\(Self.clip(found))”，应包含列 \(expected.joined(separator: ","))。"
        case .notUTF8(let line):
            return "第 \(line) 行不是有效的 UTF-8 文字，请将文件另存为“CSV UTF-8”后重试。"
        case .unterminatedQuote(let line):
            return "第 \(line) 行的引号没有闭合。"
        case .fieldCount(let line, let expected, let found):
            return "第 \(line) 行有 \(found) 列，应为 \(expected) 列。"
        case .emptyCode(let line, let column):
            return "第 \(line) 行的“\(column)”为空。"
        case .paddedCode(let line, let column, let text):
            return "第 \(line) 行的“\(column)”值“\(text)”前后有空格，会被当作另一个代码；请删去空格（或用 --coerce 按原样计算）。"
        case .emptyValue(let line, let column):
            return "第 \(line) 行的“\(column)”为空；如确为 0 请填写 0。"
        case .nonNumeric(let line, let column, let text):
            return "第 \(line) 行的“\(column)”不是数字：“\(Self.clip(text))”。"
        case .notFinite(let line, let column, let text):
            return "第 \(line) 行的“\(column)”不是有限数值：“\(Self.clip(text))”。"
        case .negative(let line, let column, let text):
            return "第 \(line) 行的“\(column)”为负数（\(Self.clip(text))），产值或就业等数据不能为负。"
        case .notPositive(let line, let column, let text):
            return "第 \(line) 行的“\(column)”必须大于 0，实际为 \(Self.clip(text))。"
        case .duplicate(let line, let firstLine, let year, let location, let product):
            return "第 \(line) 行与第 \(firstLine) 行重复（年份 \(year)、地区 \(location)、产品 \(product)），请合并或删除其中一行。"
        case .duplicatePair(let line, let firstLine, let product1, let product2):
            return "第 \(line) 行与第 \(firstLine) 行是同一产品对（\(product1)，\(product2)）。"
        case .emptyMatrix:
            return "没有任何数据行，无法计算。"
        case .allZero(let year, let line):
            return "\(year) 年的数据全部为 0（该年数据从第 \(line) 行开始），无法计算。"
        case .singleLocation(let year, let location, let line):
            return "\(year) 年只有一个地区（\(location)，第 \(line) 行）有非零数据；经济复杂度至少需要两个地区。"
        case .singleProduct(let year, let product, let line):
            return "\(year) 年只有一个产品（\(product)，第 \(line) 行）有非零数据；经济复杂度至少需要两个产品。"
        case .matrixTooLarge(let year, let locations, let products, let limit):
            return "\(year) 年的矩阵为 \(locations) 个地区 × \(products) 个产品，超过 \(limit) 个单元格的上限。"
        case .invalidOption(let name, let value):
            return "参数 \(name) 的值“\(Self.clip(value))”无效。"
        case .unsupportedCombination(let detail):
            return "不支持的参数组合：\(detail)（参考实现在此组合下无法计算）。"
        case .populationRequired(let test):
            return "存在性检验“\(test.rawValue)”需要人口数据（--population 文件）。"
        case .populationMissing(let year, let location):
            return "缺少 \(year) 年地区 \(location) 的人口数据。"
        case .proximityProductsDiffer(let onlyFirst, let onlySecond):
            return "邻近度表中 prod_1 与 prod_2 的产品集合不一致（仅在 prod_1：\(Self.list(onlyFirst))；仅在 prod_2：\(Self.list(onlySecond))）。"
        }
    }

    /// The same sentence in English.
    public var messageEn: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "Cannot read \(path): \(reason)."
        case .cannotWrite(let path, let reason):
            return "Cannot write \(path): \(reason)."
        case .missingHeader:
            return "The file is empty or has no header; line 1 must name the columns."
        case .badHeader(let found, let expected):
            return "The header on line 1 is \"\(Self.clip(found))\"; it must have the columns \(expected.joined(separator: ","))."
        case .notUTF8(let line):
            return "Line \(line) is not valid UTF-8 text; save the file as \"CSV UTF-8\" and try again."
        case .unterminatedQuote(let line):
            return "Line \(line) has a quote that is never closed."
        case .fieldCount(let line, let expected, let found):
            return "Line \(line) has \(found) fields; \(expected) are expected."
        case .emptyCode(let line, let column):
            return "Line \(line): \"\(column)\" is empty."
        case .paddedCode(let line, let column, let text):
            return "Line \(line): \"\(column)\" value \"\(text)\" has spaces around it and would count as a different code; remove them (or use --coerce to compute as is)."
        case .emptyValue(let line, let column):
            return "Line \(line): \"\(column)\" is empty; write 0 if it is zero."
        case .nonNumeric(let line, let column, let text):
            return "Line \(line): \"\(column)\" is not a number: \"\(Self.clip(text))\"."
        case .notFinite(let line, let column, let text):
            return "Line \(line): \"\(column)\" is not a finite number: \"\(Self.clip(text))\"."
        case .negative(let line, let column, let text):
            return "Line \(line): \"\(column)\" is negative (\(Self.clip(text))); output or employment cannot be negative."
        case .notPositive(let line, let column, let text):
            return "Line \(line): \"\(column)\" must be greater than 0, found \(Self.clip(text))."
        case .duplicate(let line, let firstLine, let year, let location, let product):
            return "Line \(line) repeats line \(firstLine) (year \(year), location \(location), product \(product)); merge or remove one of them."
        case .duplicatePair(let line, let firstLine, let product1, let product2):
            return "Line \(line) repeats the product pair (\(product1), \(product2)) of line \(firstLine)."
        case .emptyMatrix:
            return "There are no data rows; nothing to compute."
        case .allZero(let year, let line):
            return "Every value of year \(year) is 0 (its rows start on line \(line)); nothing to compute."
        case .singleLocation(let year, let location, let line):
            return "In year \(year) only one location (\(location), line \(line)) has non-zero data; economic complexity needs at least two locations."
        case .singleProduct(let year, let product, let line):
            return "In year \(year) only one product (\(product), line \(line)) has non-zero data; economic complexity needs at least two products."
        case .matrixTooLarge(let year, let locations, let products, let limit):
            return "The matrix of year \(year) is \(locations) locations × \(products) products, more than the limit of \(limit) cells."
        case .invalidOption(let name, let value):
            return "Invalid value \"\(Self.clip(value))\" for option \(name)."
        case .unsupportedCombination(let detail):
            return "Unsupported combination of options: \(detail) (the reference cannot compute it)."
        case .populationRequired(let test):
            return "The presence test \"\(test.rawValue)\" needs population data (a --population file)."
        case .populationMissing(let year, let location):
            return "Population is missing for location \(location) in year \(year)."
        case .proximityProductsDiffer(let onlyFirst, let onlySecond):
            return "The proximity table's prod_1 and prod_2 hold different products (only in prod_1: \(Self.list(onlyFirst)); only in prod_2: \(Self.list(onlySecond)))."
        }
    }

    /// Text from the file, shortened so one bad cell cannot flood a message.
    static func clip(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }

    static func list(_ codes: [String]) -> String {
        let shown = codes.prefix(5).joined(separator: ",")
        return codes.count > 5 ? shown + ",…" : (shown.isEmpty ? "-" : shown)
    }
}
