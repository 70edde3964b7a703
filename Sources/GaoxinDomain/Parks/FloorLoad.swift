/// A floor load is kept in kN/m² (GB 50009). Leasing adverts often say t/m² (1 t/m² ≈ 9.8 kN/m²)
/// and older drawings kg/m²; a number typed in either reads as an impossible kN/m² figure — no
/// usable floor carries under 2 kN/m² (an office's live load), none over 200 — so the range tells
/// which unit was meant and the message gives the converted figure to type instead.
public enum FloorLoad {
    /// Plausible kN/m², in tenths.
    public static let plausible: ClosedRange<Int64> = 20...2000
    public static let newtonsPerTonne = 9.80665

    public struct Problem: Equatable, Sendable {
        public let messageZh: String
        public let messageEn: String
    }

    /// Why `tenths` (kN/m² × 10) cannot be a floor load in kN/m², with the figure meant; nil when plausible.
    public static func problem(tenths: Int64) -> Problem? {
        if plausible.contains(tenths) { return nil }
        let typed = ScaledDecimal(scaled: tenths, places: 1).text
        if tenths < plausible.lowerBound {
            guard tenths > 0 else {
                return Problem(messageZh: "楼面荷载应大于 0（单位 kN/m²）", messageEn: "The floor load must be above 0 (kN/m²)")
            }
            let meant = ScaledDecimal.rounded(Double(tenths) / 10 * newtonsPerTonne, places: 1).text
            return Problem(messageZh: "楼面荷载按 kN/m² 填写：\(typed) 像是 t/m²（1 t/m² ≈ 9.8 kN/m²），应填 \(meant)",
                           messageEn: "Floor load is in kN/m²: \(typed) looks like t/m² (1 t/m² ≈ 9.8 kN/m²); enter \(meant)")
        }
        let meant = ScaledDecimal.rounded(Double(tenths) / 10 * newtonsPerTonne / 1000, places: 1).text
        return Problem(messageZh: "楼面荷载按 kN/m² 填写：\(typed) 像是 kg/m²（1000 kg/m² ≈ 9.8 kN/m²），应填 \(meant)",
                       messageEn: "Floor load is in kN/m²: \(typed) looks like kg/m² (1000 kg/m² ≈ 9.8 kN/m²); enter \(meant)")
    }
}
