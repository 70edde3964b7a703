extension ComplexityNote {
    public var messageZh: String {
        switch self {
        case .coercedValues(let count, let firstLine, let example):
            return "有 \(count) 个数值不是数字或为空，已按 0 处理（首个在第 \(firstLine) 行：“\(ComplexityInputError.clip(example))”）。"
        case .proximityFilled(let pairs, let diagonal):
            return "给定的邻近度文件缺少 \(pairs) 对产品之间的值（按 0 计）" + (diagonal > 0 ? "，其中 \(diagonal) 个产品缺少与自身的邻近度（按 1 计）" : "") + "，与参考实现的处理相同。"
        case .droppedDuplicates(let count, let firstLine):
            return "有 \(count) 行与前面的行重复（年份、地区、产品相同），已保留首次出现的行并忽略重复行（首个重复在第 \(firstLine) 行）。"
        case .zeroLocations(let year, let codes):
            return "\(year) 年地区 \(ComplexityInputError.list(codes)) 的数据合计为 0，未参与该年计算，其输出行为空。"
        case .zeroProducts(let year, let codes):
            return "\(year) 年产品 \(ComplexityInputError.list(codes)) 的数据合计为 0，未参与该年计算，其输出行为空。"
        case .noPresence(let year, let codes):
            return "\(year) 年地区 \(ComplexityInputError.list(codes)) 在当前阈值下没有任何具有比较优势的产品，参考实现因此给出该年全部 ECI、PCI、COG 为空。"
        case .nowherePresent(let year, let codes):
            return "\(year) 年产品 \(ComplexityInputError.list(codes)) 在当前阈值下不存在于任何地区，邻近度、密度、COI、COG 及 ECI、PCI 因此为空。"
        case .signUndefined(let year):
            return "\(year) 年所有地区的多样性相同，无法按与多样性的相关性确定 ECI 的符号，ECI、PCI、COI、COG 为空。"
        case .signArbitrary(let year):
            return "\(year) 年 ECI 与多样性不相关（相关系数为 0），符号无从确定：ECI、PCI 按计算所得的方向给出，可能与参考实现正负相反（参考实现的符号取决于舍入误差），COG 随之改变。"
        case .eigenvectorUnavailable(let year):
            return "\(year) 年有效的地区或产品不足两个，无法计算特征向量，ECI、PCI 为空。"
        case .eigenvectorNotUnique(let year, let eigenvalues):
            return "\(year) 年第二大特征值与相邻特征值相等（\(Self.values(eigenvalues))），例如地区—产品网络分成互不相连的部分；ECI 与 PCI 不唯一，所给结果只是其中一种，可能与其他实现不同。"
        case .disconnectedNetwork(let year, let parts, let chosen):
            return "\(year) 年地区—产品网络分成 \(parts) 个互不相连的部分，ECI 只能区分这些部分；参考实现选取哪一部分取决于其特征值计算的舍入，高新系统固定选取最大的部分（含地区 \(ComplexityInputError.list(chosen))）。" + (parts == 2 ? "两部分时 ECI、PCI 与参考实现一致（符号见另条提示），COI、COG 可能不同。" : "多于两部分时 ECI、PCI、COI、COG 都可能与参考实现不同。")
        case .undefinedProximity(let year, let codes):
            return "\(year) 年产品 \(ComplexityInputError.list(codes)) 的 RCA 在各地区间没有变化，其连续邻近度无定义，相关密度为空。"
        }
    }

    public var messageEn: String {
        switch self {
        case .coercedValues(let count, let firstLine, let example):
            return "\(count) values were not numbers or were empty and were taken as 0 (the first on line \(firstLine): \"\(ComplexityInputError.clip(example))\")."
        case .proximityFilled(let pairs, let diagonal):
            return "The given proximity file lacks \(pairs) product pairs (read as 0)" + (diagonal > 0 ? ", including \(diagonal) products' proximity to themselves (read as 1)" : "") + ", as the reference fills them."
        case .droppedDuplicates(let count, let firstLine):
            return "\(count) rows repeated an earlier (year, location, product); the first occurrence was kept and the repeats ignored (the first repeat is on line \(firstLine))."
        case .zeroLocations(let year, let codes):
            return "In \(year) the values of location(s) \(ComplexityInputError.list(codes)) sum to 0; they are left out of that year's computation and their output rows are empty."
        case .zeroProducts(let year, let codes):
            return "In \(year) the values of product(s) \(ComplexityInputError.list(codes)) sum to 0; they are left out of that year's computation and their output rows are empty."
        case .noPresence(let year, let codes):
            return "In \(year) location(s) \(ComplexityInputError.list(codes)) have no product present at this threshold; the reference therefore leaves every ECI, PCI and COG of that year empty."
        case .nowherePresent(let year, let codes):
            return "In \(year) product(s) \(ComplexityInputError.list(codes)) are present in no location at this threshold; proximity, density, COI, COG, ECI and PCI are therefore empty."
        case .signUndefined(let year):
            return "In \(year) every location has the same diversity, so the sign of ECI (set by its correlation with diversity) is undefined; ECI, PCI, COI and COG are empty."
        case .signArbitrary(let year):
            return "In \(year) ECI is uncorrelated with diversity (correlation 0), so its sign is arbitrary: ECI and PCI are given as computed and may be the reference's negated (its sign follows rounding noise); COG changes with them."
        case .eigenvectorUnavailable(let year):
            return "In \(year) fewer than two locations or products have presence; no eigenvector can be computed and ECI and PCI are empty."
        case .eigenvectorNotUnique(let year, let eigenvalues):
            return "In \(year) the second-largest eigenvalue equals a neighbour (\(Self.values(eigenvalues))), e.g. because the location–product network falls apart; ECI and PCI are not unique, and the values given are one valid choice that can differ from another implementation's."
        case .disconnectedNetwork(let year, let parts, let chosen):
            return "In \(year) the location–product network falls into \(parts) separate parts, so ECI only tells the parts apart; which part the reference singles out depends on rounding in its eigen-solver, and Gaoxin always takes the largest (with locations \(ComplexityInputError.list(chosen))). " + (parts == 2 ? "With two parts ECI and PCI equal the reference's (up to the sign, see the other note if any); COI and COG can differ." : "With more than two parts ECI, PCI, COI and COG can all differ from the reference's.")
        case .undefinedProximity(let year, let codes):
            return "In \(year) the RCA of product(s) \(ComplexityInputError.list(codes)) does not vary across locations, so their continuous proximity is undefined and the densities that use it are empty."
        }
    }

    private static func values(_ eigenvalues: [Double]) -> String {
        eigenvalues.map { "\($0)" }.joined(separator: ", ")
    }
}
