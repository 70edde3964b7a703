/// The groups of a named cluster structure ("465": 4 地标产业 + 6 优势产业 + 5 未来产业, seed 001)
/// as officials write them: one group a line, `组名：集群、集群、…`. Read and written here so a
/// structure's form and its export say the same thing.
public enum StructureGroupsText {
    public struct Group: Equatable, Sendable {
        public let line: Int
        public let name: String
        public let clusters: [String]

        public init(line: Int, name: String, clusters: [String]) {
            self.line = line
            self.name = name
            self.clusters = clusters
        }
    }

    public static let maxGroupName = 50

    /// The groups, or every line's problem (in Chinese and English).
    public static func parse(_ text: String) -> Result<[Group], ValidationFailed> {
        var groups: [Group] = []
        var problems: [(String, String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let number = index + 1
            guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else {
                problems.append(("第 \(number) 行应写成“分组名：集群、集群”", "line \(number) should read “group: cluster, cluster”"))
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let clusters = line[line.index(after: colon)...]
                .split(whereSeparator: { "、，,;；".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if name.isEmpty { problems.append(("第 \(number) 行缺少分组名", "line \(number) has no group name")) }
            else if name.count > maxGroupName { problems.append(("第 \(number) 行的分组名超过 \(maxGroupName) 字", "line \(number): group name over \(maxGroupName) characters")) }
            else if let first = groups.first(where: { $0.name == name }) {
                problems.append(("第 \(number) 行的分组“\(name)”与第 \(first.line) 行重名", "line \(number) repeats group \(name) of line \(first.line)"))
            }
            groups.append(Group(line: number, name: name, clusters: clusters))
        }
        if !problems.isEmpty {
            return .failure(ValidationFailed([FieldError.invalid("groups", zh: problems.map(\.0).joined(separator: "；"), en: problems.map(\.1).joined(separator: "; "))]))
        }
        return .success(groups)
    }

    public static func format(_ groups: [(name: String, clusters: [String])]) -> String {
        groups.map { "\($0.name)：\($0.clusters.joined(separator: "、"))" }.joined(separator: "\n")
    }
}
