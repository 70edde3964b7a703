import Foundation

/// A deterministic force-directed layout (Fruchterman–Reingold) for drawing a network as SVG on
/// the server: the same graph always gets the same picture. Positions are in the unit square.
public enum ForceLayout {
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public static func layout(nodeCount n: Int, edges: [(Int, Int, Double)], iterations: Int = 300, gravity: Double = 0.6) -> [Point] {
        guard n > 0 else { return [] }
        // Start on a golden-angle spiral: spread out, reproducible, no random numbers.
        var position = (0..<n).map { index -> Point in
            let radius = 0.45 * (Double(index) + 0.5).squareRoot() / Double(n).squareRoot()
            let angle = Double(index) * 2.399963229728653
            return Point(x: 0.5 + radius * cos(angle), y: 0.5 + radius * sin(angle))
        }
        guard n > 1 else { return [Point(x: 0.5, y: 0.5)] }
        let k = (1.0 / Double(n)).squareRoot()
        var temperature = 0.1
        let cooling = temperature / Double(iterations + 1)
        for _ in 0..<iterations {
            var shift = [Point](repeating: Point(x: 0, y: 0), count: n)
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var dx = position[i].x - position[j].x, dy = position[i].y - position[j].y
                    var distance = (dx * dx + dy * dy).squareRoot()
                    if distance < 1e-9 { dx = 1e-4 * Double(i - j); dy = 1e-4; distance = 1e-4 }
                    let force = k * k / distance
                    shift[i].x += dx / distance * force; shift[i].y += dy / distance * force
                    shift[j].x -= dx / distance * force; shift[j].y -= dy / distance * force
                }
            }
            for (a, b, weight) in edges where a != b && a < n && b < n {
                let dx = position[a].x - position[b].x, dy = position[a].y - position[b].y
                let distance = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                let force = distance * distance / k * max(weight, 0.05)
                shift[a].x -= dx / distance * force; shift[a].y -= dy / distance * force
                shift[b].x += dx / distance * force; shift[b].y += dy / distance * force
            }
            // Gravity towards the centre keeps loosely linked groups from being pushed into the corners.
            for i in 0..<n {
                shift[i].x -= (position[i].x - 0.5) * gravity / k
                shift[i].y -= (position[i].y - 0.5) * gravity / k
            }
            for i in 0..<n {
                let length = max((shift[i].x * shift[i].x + shift[i].y * shift[i].y).squareRoot(), 1e-12)
                let step = min(length, temperature)
                position[i].x = min(2, max(-1, position[i].x + shift[i].x / length * step))
                position[i].y = min(2, max(-1, position[i].y + shift[i].y / length * step))
            }
            temperature -= cooling
        }
        return normalised(position)
    }

    /// Scales the drawing uniformly (distances keep their proportions) into the unit square with a
    /// small margin, centred.
    static func normalised(_ points: [Point]) -> [Point] {
        let xs = points.map(\.x), ys = points.map(\.y)
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let offsetX = (span - (maxX - minX)) / 2, offsetY = (span - (maxY - minY)) / 2
        return points.map { Point(x: 0.05 + 0.9 * ($0.x - minX + offsetX) / span, y: 0.05 + 0.9 * ($0.y - minY + offsetY) / span) }
    }
}
