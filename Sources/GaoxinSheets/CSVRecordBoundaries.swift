/// Where CSV records end, by the rule both readings share (`CSVFormat.read` and
/// `CSVSliceReader`): a quote opens a field only at its start (`12"屏` opens nothing), a doubled
/// quote inside stays inside, and a record ends at LF, CRLF or a lone CR outside quotes. Works on
/// bytes: in UTF-8 and GB18030 the bytes `"`, `,`, CR and LF only stand for themselves.
struct CSVRecordBoundaries {
    /// The offset just after the last complete record's line break (nil: no complete record), and
    /// the line a quote opened on that is still open at the end (nil: none). A lone CR at the end
    /// ends a record only when `final` (more bytes might make it a CRLF).
    static func scan<Bytes: Sequence>(_ bytes: Bytes, firstLine: Int = 1, final: Bool) -> (lastEnd: Int?, openQuoteLine: Int?)
    where Bytes.Element == UInt8 {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var inQuotes = false, atFieldStart = true, pendingQuote = false
        var line = firstLine, openedOn = 0
        var last: Int?
        /// Just after a CR outside quotes: a record end unless an LF follows.
        var afterCarriageReturn: Int?
        var offset = 0
        for byte in bytes {
            offset += 1
            if let end = afterCarriageReturn {
                afterCarriageReturn = nil
                if byte != newline { last = end }
            }
            if inQuotes {
                if pendingQuote {
                    pendingQuote = false
                    if byte == quote { continue }  // a doubled quote stays inside
                    inQuotes = false               // the quote before closed the field
                } else if byte == quote {
                    pendingQuote = true
                    continue
                } else {
                    if byte == newline { line += 1 }
                    continue
                }
            }
            switch byte {
            case quote where atFieldStart:
                inQuotes = true
                openedOn = line
                atFieldStart = false
            case comma:
                atFieldStart = true
            case newline:
                line += 1
                atFieldStart = true
                last = offset
            case carriageReturn:
                atFieldStart = true
                afterCarriageReturn = offset
            default:
                atFieldStart = false
            }
        }
        if final, let end = afterCarriageReturn { last = end }
        return (last, inQuotes && !pendingQuote ? openedOn : nil)
    }
}
