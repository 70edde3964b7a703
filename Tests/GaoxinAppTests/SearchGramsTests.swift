@testable import GaoxinApp
import XCTest

/// A record's grams: every character and adjacent pair of each searchable text, lower-cased,
/// never across whitespace, each once by its bytes (the database's key), in byte order.
final class SearchGramsTests: XCTestCase {
    func testARecordsGramsAreEachCharacterAndPairOnceInByteOrder() {
        let filed = SearchIndex.Filed(id: 1, sortKey: "k", texts: ["华为 华为", nil, "ABB华"])
        let expected = ["a", "ab", "b", "bb", "b华", "为", "华", "华为"].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(filed.grams, expected)
        XCTAssertEqual(SearchIndex.grams("华为 华为"), ["华", "为", "华为"])
        XCTAssertEqual(SearchIndex.Filed(id: 2, sortKey: "k", texts: [nil, " "]).grams, [])
    }

    /// Two spellings of one letter (é precomposed and e + combining accent) are different bytes,
    /// so different postings in the database: both are kept, where a `Set` of strings kept one.
    func testCanonicallyEqualSpellingsAreKeptApart() {
        let grams = SearchIndex.Filed(id: 1, sortKey: "k", texts: ["\u{E9}", "e\u{301}"]).grams
        XCTAssertEqual(grams.count, 2)
        XCTAssertEqual(Set(grams.map { Array($0.utf8) }), [Array("\u{E9}".utf8), Array("e\u{301}".utf8)])
    }
}
