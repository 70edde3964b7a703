/// What a space unit is (SPEC §2.6): a land parcel (地块, measured also in 亩), a standard factory
/// (标准厂房) or a building floor (楼宇). A project's need names one of them.
public enum SpaceKind: String, Sendable, CaseIterable, Codable {
    case land, factory, floor

    public var nameZh: String {
        switch self {
        case .land: return "地块"
        case .factory: return "标准厂房"
        case .floor: return "楼宇（层）"
        }
    }

    public var nameEn: String {
        switch self {
        case .land: return "Land parcel"
        case .factory: return "Standard factory"
        case .floor: return "Building floor"
        }
    }

    /// A land parcel has no floor, ceiling or supply of its own: those needs do not apply to it.
    public var hasBuilding: Bool { self != .land }
}

/// A park's recognition level (国家级/省级/市级), which the matching scores as a soft preference.
public enum ParkLevel: String, Sendable, CaseIterable, Codable {
    case national, provincial, municipal, none

    public var nameZh: String {
        switch self {
        case .national: return "国家级"
        case .provincial: return "省级"
        case .municipal: return "市级"
        case .none: return "未认定"
        }
    }

    public var nameEn: String {
        switch self {
        case .national: return "National"
        case .provincial: return "Provincial"
        case .municipal: return "Municipal"
        case .none: return "Not recognised"
        }
    }
}

/// 1 亩 = 10000/15 m² (666.67 m²): land is spoken of in 亩, stored in m².
public enum LandArea {
    public static func mu(squareMetres: Int64) -> Double { Double(squareMetres) * 15 / 10_000 }
    /// Hundredths of a 亩, rounded half up, for a stored two-decimal figure.
    public static func muHundredths(squareMetres: Int64) -> Int64 { (squareMetres * 1500 + 5000) / 10_000 }
}
