import Foundation
@testable import GaoxinApp
@testable import GaoxinDomain
import XCTest

/// `CompanyNameKey.of` finds brackets and punctuation by characters instead of Foundation's
/// `range(of:)`: the keys stored with every lead must not change, so each generated province name,
/// written the ways people write names, keys as the Foundation-based rule below keyed it.
final class CompanyNameKeyEquivalenceTests: XCTestCase {
    func testKeysAreThoseOfTheFoundationRule() {
        let variants: [(String) -> String] = [
            { $0 },
            { "无锡" + $0 },
            { "江苏省" + $0.replacingOccurrences(of: "有限公司", with: "（无锡）有限公司") },
            { $0.replacingOccurrences(of: "有限", with: " (Wuxi) 有限") },
            { "【重点】" + $0 + "  " },
            { $0 + "（筹" },
            { "（" + $0 + "）（二期）" },
            { $0.replacingOccurrences(of: "公司", with: "·公司, Co.,LTD") },
            { "[旧名]" + $0 + "(" },
            { "TOKYO " + $0 + " Inc." },
            { "“" + $0 + "”—集团" },
        ]
        var checked = 0
        for serial in stride(from: 0, to: 40_000, by: 7) {
            let name = ProvinceNames.enterprise(serial).name
            for variant in variants {
                let written = variant(name)
                XCTAssertEqual(CompanyNameKey.of(written), Self.foundationKey(written), written)
                checked += 1
            }
        }
        for written in ["", "（）", "()", "无锡有限公司", "无锡科", "(（【[", "]）)】", "a（b（c）d）e有限公司", "北大荒", "中国（无锡）"] {
            XCTAssertEqual(CompanyNameKey.of(written), Self.foundationKey(written), written)
        }
        XCTAssertGreaterThan(checked, 60_000)
    }

    /// The rule's first steps as they were written with Foundation (before the twenty-first session).
    static func foundationKey(_ name: String) -> String {
        var text = name.lowercased()
        for (open, close) in [("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")] {
            while let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        text = String(text.filter { !$0.isWhitespace && !"·・.,，、-—_&'\"“”".contains($0) })
        return CompanyNameKey.withoutFormAndPlace(text)
    }
}
