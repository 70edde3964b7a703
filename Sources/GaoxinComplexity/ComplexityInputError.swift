/// Why a complexity computation was refused. Every case that comes from a row of a file names
/// that row (`line`, 1-based, the header being line 1); every case has a sentence in Chinese and
/// in English (ComplexityInputError+Messages.swift).
///
/// Gaoxin refuses where the reference (`ecomplexity` 0.5.3) silently repairs: it turns a
/// non-numeric value into 0 and keeps the first of duplicate rows without saying which.
/// `InputPolicy.coerce` restores the reference's behaviour, with notes instead of silence.
public enum ComplexityInputError: Error, Equatable, Sendable {
    // The file as a whole.
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case missingHeader
    case badHeader(found: String, expected: [String])
    case notUTF8(line: Int)
    case unterminatedQuote(line: Int)
    case fieldCount(line: Int, expected: Int, found: Int)

    // One row.
    case emptyCode(line: Int, column: String)
    /// A code with spaces before or after it (refused by the strict policy: the reference would
    /// count " 0011" and "0011" as two locations).
    case paddedCode(line: Int, column: String, text: String)
    case emptyValue(line: Int, column: String)
    case nonNumeric(line: Int, column: String, text: String)
    case notFinite(line: Int, column: String, text: String)
    case negative(line: Int, column: String, text: String)
    case notPositive(line: Int, column: String, text: String)
    case duplicate(line: Int, firstLine: Int, year: String, location: String, product: String)
    case duplicatePair(line: Int, firstLine: Int, product1: String, product2: String)

    // A year's matrix.
    case emptyMatrix
    case allZero(year: String, line: Int)
    case singleLocation(year: String, location: String, line: Int)
    case singleProduct(year: String, product: String, line: Int)
    case matrixTooLarge(year: String, locations: Int, products: Int, limit: Int)

    // Options and the side tables they need.
    case invalidOption(name: String, value: String)
    case unsupportedCombination(detail: String)
    case populationRequired(test: PresenceTest)
    case populationMissing(year: String, location: String)
    case proximityProductsDiffer(onlyFirst: [String], onlySecond: [String])

    /// The row the error is about, if it is about one.
    public var line: Int? {
        switch self {
        case .notUTF8(let line), .unterminatedQuote(let line),
             .fieldCount(let line, _, _), .emptyCode(let line, _), .paddedCode(let line, _, _), .emptyValue(let line, _),
             .nonNumeric(let line, _, _), .notFinite(let line, _, _), .negative(let line, _, _),
             .notPositive(let line, _, _), .duplicate(let line, _, _, _, _),
             .duplicatePair(let line, _, _, _), .allZero(_, let line),
             .singleLocation(_, _, let line), .singleProduct(_, _, let line):
            return line
        case .badHeader:
            return 1
        case .cannotRead, .cannotWrite, .missingHeader, .emptyMatrix, .matrixTooLarge,
             .invalidOption, .unsupportedCombination, .populationRequired, .populationMissing,
             .proximityProductsDiffer:
            return nil
        }
    }
}

extension ComplexityInputError: CustomStringConvertible {
    /// Both sentences, Chinese first, for logs and the command line.
    public var description: String { "\(messageZh) / \(messageEn)" }
}
