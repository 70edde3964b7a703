import Fluent
import GaoxinDomain
import Vapor

/// The demo data set, drawn from the seed reports: Wuxi with its eight boards (seed 003), the
/// high-tech zone with its departments, task forces and eight attraction teams (seed 000), the
/// overseas and remote innovation centres (seed 002), and one user per role.
enum DemoData {
    struct Account {
        let username: String
        let role: Role
        let unitName: String
        let password: String
    }

    struct Node {
        let name: String
        let kind: UnitKind
        let code: String?
        let children: [Node]

        init(_ name: String, _ kind: UnitKind, _ code: String? = nil, _ children: [Node] = []) {
            self.name = name
            self.kind = kind
            self.code = code
            self.children = children
        }
    }

    static let tree = Node("无锡市", .city, "WX", [
        Node("江阴", .board, "JY"), Node("宜兴", .board, "YX"), Node("梁溪", .board, "LX"), Node("锡山", .board, "XS"),
        Node("惠山", .board, "HS"), Node("滨湖", .board, "BH"), Node("经开", .board, "JK"),
        Node("新吴", .board, "XW", [
            Node("无锡高新区", .zone, "WXGX", [
                Node("管委会办公室", .department, "GX-BGS"),
                Node("产业生态发展领导小组办公室（集群办）", .department, "GX-JQB"),
                Node("重大项目办", .department, "GX-ZDXM"),
                Node("科技局", .department, "GX-KJJ"),
                Node("规划建设局", .department, "GX-GHJS"),
                Node("企业服务中心", .department, "GX-QYFW"),
                Node("审计室", .department, "GX-SJ"),
                Node("特钢新材料产业专班", .taskForce), Node("集成电路产业专班", .taskForce), Node("生命健康产业专班", .taskForce),
                Node("高端装备及新能源产业专班", .taskForce), Node("未来产业专班", .taskForce), Node("招才引智专班", .taskForce),
                Node("科技招商专班", .taskForce), Node("金融保障专班", .taskForce), Node("政务服务专班", .taskForce), Node("规划建设专班", .taskForce),
                Node("集成电路招商团队", .attractionTeam, "ZS-JCDL"), Node("高端装备招商团队", .attractionTeam, "ZS-GDZB"),
                Node("新能源招商团队", .attractionTeam, "ZS-XNY"), Node("未来产业招商团队", .attractionTeam, "ZS-WLCY"),
                Node("生命健康招商团队", .attractionTeam, "ZS-SMJK"), Node("科技人才招商团队", .attractionTeam, "ZS-KJRC"),
                Node("科技项目招商团队", .attractionTeam, "ZS-KJXM"), Node("创新创业招商团队", .attractionTeam, "ZS-CXCY"),
                Node("无锡高新区（东京）商务创新交流中心", .overseasCentre, "HW-TOKYO"),
                Node("无锡高新区（慕尼黑）商务创新交流中心", .overseasCentre, "HW-MUNICH"),
                Node("无锡高新区（新加坡）商务创新交流中心", .overseasCentre, "HW-SG"),
                Node("无锡高新区（硅谷）商务创新交流中心", .overseasCentre, "HW-SV"),
                Node("无锡高新区上海异地创新中心", .remoteCentre, "YD-SH"), Node("无锡高新区北京异地创新中心", .remoteCentre, "YD-BJ"),
                Node("无锡高新区深圳异地创新中心", .remoteCentre, "YD-SZ"), Node("无锡高新区南京异地创新中心", .remoteCentre, "YD-NJ"),
                Node("无锡高新区科技创新促进中心", .promotionOrg, "CJ-KJCX"),
            ]),
        ]),
    ])

    static let accounts: [(username: String, name: String, role: Role, unitCode: String)] = [
        ("admin", "系统管理员", .admin, "GX-BGS"),
        ("office", "集群办 王主任", .office, "GX-JQB"),
        ("team", "集成电路招商 李组长", .unit, "ZS-JCDL"),
        ("park", "促进中心 陈经理", .park, "CJ-KJCX"),
        ("leader", "区领导 赵书记", .leader, "WXGX"),
        ("auditor", "审计室 周审计", .auditor, "GX-SJ"),
    ]

    /// Seeds only an empty database (no unit); returns the accounts with their one-time passwords.
    static func seedIfEmpty(_ app: Application) async throws -> [Account]? {
        guard try await OrgUnit.query(on: app.db).count() == 0 else { return nil }
        var hashes: [(String, String)] = []
        for account in accounts {
            let password = generatePassword()
            hashes.append((password, try await app.password.async.hash(password)))
        }
        let now = app.clock.now()
        let passwordHashes = hashes
        let seeded: [Account] = try await app.db.transaction { tx in
            var codes: [String: OrgUnit] = [:]
            func insert(_ node: Node, parent: Int?, order: Int) async throws {
                let unit = try await UnitSeed.insert(.init(name: node.name, kind: node.kind, code: node.code, parentID: parent, sortOrder: order * 10, note: nil), on: tx)
                if let code = node.code { codes[code] = unit }
                try await AuditLog.record(on: tx, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: "unit",
                                          entityID: "\(unit.id!)", summary: "载入演示单位“\(unit.name)”", before: NoSnapshot?.none,
                                          after: RegisterDTO(declaration: .units, record: try await RegisterStore.find(.units, id: unit.id!, on: tx)!))
                for (index, child) in node.children.enumerated() { try await insert(child, parent: unit.id, order: index + 1) }
            }
            try await insert(tree, parent: nil, order: 0)
            var created: [Account] = []
            for (index, account) in accounts.enumerated() {
                let unit = codes[account.unitCode]!
                let user = try await UserSeed.insert(.init(username: account.username, displayName: account.name, unitID: unit.id!, roles: [account.role]),
                                                     passwordHash: passwordHashes[index].1, on: tx)
                try await AuditLog.record(on: tx, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: "user",
                                          entityID: "\(user.id!)", summary: "载入演示用户“\(user.displayName)”", before: NoSnapshot?.none,
                                          after: RegisterDTO(declaration: .users, record: try await RegisterStore.find(.users, id: user.id!, on: tx)!))
                created.append(Account(username: account.username, role: account.role, unitName: unit.name, password: passwordHashes[index].0))
            }
            try await DemoComplexityData.insert(on: tx, now: now)
            try await DemoEnterpriseData.insert(on: tx, now: now)
            try await DemoClusterData.insert(on: tx, now: now)
            try await DemoComplexityData.insertZoneDataset(on: tx, now: now)
            for declaration in Registers.all { try await RegisterDemo.insert(declaration, on: tx, now: now) }
            return created
        }
        try await drawBulletin(app, now: now)
        return seeded
    }

    /// The bulletin of the demo's latest month of cluster figures (a draft: the month is not
    /// closed), so every role's dashboard opens on the programme's figures.
    static let bulletinMonth = Period(year: 2025, month: 12)!

    static func drawBulletin(_ app: Application, now: Date) async throws {
        let office = try await User.query(on: app.db).filter(\.$username == "office").first()
        var issuer = BulletinIssue.defaultIssuer
        if let office, let unit = try await OrgUnit.find(office.unitID, on: app.db) { issuer = unit.name }
        let content = try await BulletinBuilder(month: bulletinMonth, issuer: issuer, number: bulletinMonth.month, now: now, db: app.db).build()
        try await BulletinIssue.store(content, actor: nil, address: nil, at: now, on: app.db)
    }

    /// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func printAccounts(_ accounts: [Account], console: any Console) {
        console.print("演示账号（密码只显示这一次，请妥善保存）/ demo accounts (passwords shown once):")
        for account in accounts {
            console.print("  \(account.role.nameZh.padding(toLength: 6, withPad: "　", startingAt: 0)) \(account.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.password)   \(account.unitName)")
        }
    }
}
