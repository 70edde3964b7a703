extension SheetError {
    /// A complete sentence in Simplified Chinese for the person who uploaded or exported the
    /// file: what is wrong and, where there is one, what to do about it.
    public var messageZh: String {
        switch self {
        case .empty:
            return "文件是空的，没有可读取或写出的数据。"
        case .tooLarge(let limit):
            return "文件超过 \(Self.sizeText(limit)) 上限，请拆分后再上传。"
        case .notAZip:
            return "文件不是有效的 Excel（.xlsx）文件，可能已损坏或只是修改了扩展名。"
        case .legacyExcelFormat:
            return "这是旧版 Excel（.xls）文件或加密的工作簿，请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后重试。"
        case .unclosedQuote(let line):
            return "CSV 文件第 \(line) 行的引号没有闭合（带引号的内容缺少结尾的引号），其后的内容无法分列，请修改后重试。"
        case .formulaWithoutValue(let sheet, let row, let column):
            return "工作表“\(sheet)”的 \(CellReference.name(row: row - 1, column: column - 1)) 单元格是公式但没有保存计算结果，请在 Excel 或 WPS 中打开并保存后再上传。"
        case .malformed:
            return "文件已损坏或格式不正确，无法读取，请在 Excel 或 WPS 中重新保存后重试。"
        case .missingPart(let part):
            return "文件缺少必要的组成部分（\(part)），不是有效的 Excel 工作簿。"
        case .zipBomb:
            return "文件解压后的体积异常大，可能是恶意构造的文件，已拒绝读取。"
        case .tooManyRows(let limit):
            return "工作表超过 \(Self.grouped(limit)) 行的上限，请拆分后再处理。"
        case .tooManyColumns(let limit):
            return "工作表超过 \(Self.grouped(limit)) 列的上限，请删除多余的列后再处理。"
        case .unsupportedEncoding:
            return "无法识别文件的文字编码，请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后重试。"
        case .cellTooLong(let sheet, let row, let column):
            return "工作表“\(sheet)”第 \(row) 行第 \(CellReference.columnName(column - 1)) 列的文字超过 Excel 单元格 32767 个字符的上限。"
        }
    }

    /// The same sentence in English.
    public var messageEn: String {
        switch self {
        case .empty:
            return "The file is empty: there is no data to read or write."
        case .tooLarge(let limit):
            return "The file exceeds the \(Self.sizeText(limit)) limit; please split it and upload again."
        case .notAZip:
            return "The file is not a valid Excel (.xlsx) file; it may be damaged or merely renamed."
        case .legacyExcelFormat:
            return "This is an old Excel (.xls) file or an encrypted workbook; please save it as .xlsx without a password in Excel or WPS and try again."
        case .unclosedQuote(let line):
            return "A quoted field that starts on line \(line) of the CSV file is never closed, so the rest cannot be split into columns; please fix it and retry."
        case .formulaWithoutValue(let sheet, let row, let column):
            return "Cell \(CellReference.name(row: row - 1, column: column - 1)) of sheet “\(sheet)” is a formula without a saved result; open and save the file in Excel or WPS, then upload it again."
        case .malformed:
            return "The file is damaged or not in the expected format; please save it again in Excel or WPS and retry."
        case .missingPart(let part):
            return "The file lacks a required part (\(part)); it is not a valid Excel workbook."
        case .zipBomb:
            return "The file would expand to an abnormal size when unpacked and may be malicious; it was rejected."
        case .tooManyRows(let limit):
            return "The sheet exceeds the limit of \(Self.grouped(limit)) rows; please split it."
        case .tooManyColumns(let limit):
            return "The sheet exceeds the limit of \(Self.grouped(limit)) columns; please remove unused columns."
        case .unsupportedEncoding:
            return "The text encoding of the file is not recognised; please save it as \"CSV UTF-8 (comma delimited)\" in Excel or WPS and try again."
        case .cellTooLong(let sheet, let row, let column):
            return "The text in sheet \"\(sheet)\", row \(row), column \(CellReference.columnName(column - 1)) exceeds Excel's limit of 32,767 characters per cell."
        }
    }

    /// "50 MB" or "300 KB": limits are configured in round binary units, and a user reads
    /// "50 MB", not "52428800".
    static func sizeText(_ bytes: Int) -> String {
        let mib = 1024 * 1024
        if bytes >= mib, bytes % mib == 0 { return "\(grouped(bytes / mib)) MB" }
        if bytes >= mib { return "\(Double(bytes * 10 / mib) / 10) MB" }
        if bytes >= 1024 { return "\(grouped(bytes / 1024)) KB" }
        return "\(bytes) B"
    }

    /// Thousands separators without depending on the server's locale.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return value < 0 ? "-" + out : out
    }
}
