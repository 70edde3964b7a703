/// The record-splitting state machine of the byte-level CSV reader (see CSVFileScanner): cuts
/// a byte range into records and fields, unescaping quoted fields into a scratch buffer.
struct CSVRecordSplitter {
    /// Unescaped quoted fields; at least as large as any one record.
    private var scratch: UnsafeMutablePointer<UInt8>
    private let spans = UnsafeMutablePointer<(UnsafePointer<UInt8>, Int)>.allocate(capacity: CSVRecord.maxFields)
    /// The line the next record starts on.
    private(set) var line: Int

    init(scratchCapacity: Int, firstLine: Int) {
        scratch = .allocate(capacity: max(scratchCapacity, 1))
        line = firstLine
    }

    mutating func growScratch(to capacity: Int) {
        scratch.deallocate()
        scratch = .allocate(capacity: capacity)
    }

    func release() {
        scratch.deallocate()
        spans.deallocate()
    }

    /// Emits every complete record in `start..<end` and returns where the first incomplete one
    /// starts (`end` when `final`, where the last record needs no line break). Blank lines are
    /// skipped but counted.
    mutating func split(_ buffer: UnsafePointer<UInt8>, from start: Int, to end: Int, final: Bool,
                        _ body: (CSVRecord) throws -> Void) throws -> Int {
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\"")
        let carriageReturn = UInt8(ascii: "\r")
        var i = start
        while i < end {
            let recordStart = i
            var fieldCount = 0, scratchUsed = 0, breaksInQuotes = 0
            var onlyEmptyField = true
            fields: while true {
                var fieldStart = buffer + i, fieldLength = 0
                if i < end && buffer[i] == quote {
                    onlyEmptyField = false
                    i += 1
                    let unescaped = scratchUsed
                    quoted: while true {
                        if i >= end {
                            if final { throw ComplexityInputError.unterminatedQuote(line: line) }
                            return recordStart
                        }
                        let byte = buffer[i]
                        if byte == quote {
                            if i + 1 >= end && !final { return recordStart }
                            if i + 1 < end && buffer[i + 1] == quote {
                                scratch[scratchUsed] = quote; scratchUsed += 1; i += 2
                                continue quoted
                            }
                            i += 1
                            break quoted
                        }
                        if byte == newline { breaksInQuotes += 1 }
                        scratch[scratchUsed] = byte; scratchUsed += 1; i += 1
                    }
                    // Text after the closing quote (not RFC 4180) is kept as part of the field.
                    while i < end && buffer[i] != comma && buffer[i] != newline {
                        if buffer[i] != carriageReturn { scratch[scratchUsed] = buffer[i]; scratchUsed += 1 }
                        i += 1
                    }
                    fieldStart = UnsafePointer(scratch + unescaped)
                    fieldLength = scratchUsed - unescaped
                } else {
                    let first = i
                    while i < end && buffer[i] != comma && buffer[i] != newline { i += 1 }
                    fieldLength = i - first
                    if fieldLength > 0 && buffer[i - 1] == carriageReturn { fieldLength -= 1 }
                    if fieldLength > 0 { onlyEmptyField = false }
                }
                if i >= end && !final { return recordStart }
                if fieldCount < CSVRecord.maxFields { spans[fieldCount] = (fieldStart, fieldLength) }
                fieldCount += 1
                if i < end && buffer[i] == comma {
                    onlyEmptyField = false
                    i += 1
                    continue fields
                }
                if i < end { i += 1 }  // the line break
                break fields
            }
            if !(fieldCount == 1 && onlyEmptyField) {
                try body(CSVRecord(line: line, fieldCount: fieldCount, spans: spans))
            }
            line += 1 + breaksInQuotes
        }
        return end
    }
}
