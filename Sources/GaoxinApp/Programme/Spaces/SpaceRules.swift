import GaoxinDomain

extension RegisterRule {
    /// A floor load in kN/m²: a figure that reads as t/m² or kg/m² is refused with the conversion (`FloorLoad`).
    static func floorLoad(_ key: String) -> RegisterRule {
        RegisterRule { values in
            guard let tenths = values[key]?.integer, let problem = FloorLoad.problem(tenths: tenths) else { return nil }
            return .invalid(key, zh: problem.messageZh, en: problem.messageEn)
        }
    }
}
