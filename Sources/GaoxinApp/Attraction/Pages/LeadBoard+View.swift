import GaoxinDomain
import Plot

/// 招商看板: a column per open stage, a card per lead with its company, team, investment and next
/// step (overdue in red). Each card moves by a small form — a select and a button — so the board
/// works without script; a reason box appears in the form for 放弃.
enum LeadBoardView {
    static func render(_ context: PageContext, _ board: LeadPages.Board, units: [FormField.Option], mayWrite: Bool, today: String) -> HTML {
        let leads = RegisterDeclaration.leads
        let scope = board.unitID.map { "&owningUnitId=\($0)" } ?? ""
        // A card's move form differs from its column's other cards only in its action: the rest is
        // drawn once per stage (drawing a hundred identical forms node by node was a third of the board).
        let moveControls = mayWrite ? Dictionary(uniqueKeysWithValues: LeadPages.boardStages.map { ($0, moveControlsHTML(from: $0, context, board: board)) }) : [:]
        return Page.render(
            context, title: context.t("招商看板", "Lead board"),
            .nav(.class("breadcrumbs"), .a(.href(leads.path), .text(leads.title(context.lang)))),
            .form(.class("filters"), .method(.get), .action(leads.path + "/board"),
                  FormField.select("owningUnitId", label: context.t("招商团队", "Team"), options: units, selected: board.unitID.map(String.init),
                                   errors: [], lang: context.lang, blank: context.t("全部单位", "All units")),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.class("hint"), .text(context.t("每列按下一步时间排列，最多显示 \(LeadPages.cardsPerColumn) 张；已放弃 \(board.dropped) 条",
                                               "Each column by next step, at most \(LeadPages.cardsPerColumn) cards; \(board.dropped) dropped")),
               .a(.href(leads.path + "?stage=dropped" + scope), .text(context.t(" 查看", " show")))),
            .div(.class("board"), .forEach(LeadPages.boardStages) { stage in
                .section(.class("board-column"),
                    .h2(.text(context.t(stage.zh, stage.en) + " "), .a(.href(leads.path + "?stage=\(stage.rawValue)" + scope), .text("(\(board.counts[stage] ?? 0))"))),
                    .forEach(board.cards[stage] ?? []) { card in cardNode(card, context, moveControls: moveControls[stage], today: today) },
                    .if((board.counts[stage] ?? 0) > (board.cards[stage]?.count ?? 0),
                        .p(.a(.href(leads.path + "?stage=\(stage.rawValue)" + scope),
                              .text(context.t("其余 \((board.counts[stage] ?? 0) - (board.cards[stage]?.count ?? 0)) 条 →",
                                              "\((board.counts[stage] ?? 0) - (board.cards[stage]?.count ?? 0)) more →"))))))
            })
        )
    }

    static func cardNode(_ card: LeadPages.Card, _ context: PageContext, moveControls: String?, today: String) -> Node<HTML.BodyContext> {
        let overdue = card.stage.isOpen && (card.nextStepOn.map { $0 < today } ?? false)
        return .article(.class("card" + (overdue ? " overdue" : "")),
            .h3(.a(.href(RegisterDeclaration.leads.path(card.id)), .text(card.company))),
            .p(.class("hint"), .text(card.code + " · " + card.team)),
            .unwrap(card.investment) { .p(.text(context.t("预计投资 ", "Estimated ") + Wan($0).yiText + context.t(" 亿元", " 100m yuan"))) },
            .unwrap(card.nextStepOn) { day in
                .p(.class(overdue ? "badge expired" : ""), .text((card.nextStep ?? context.t("下一步", "Next step")) + " · " + day + (overdue ? context.t("（已逾期）", " (overdue)") : "")))
            },
            .unwrap(moveControls) { controls in
                .form(.class("inline move"), .method(.post), .action(RegisterDeclaration.leads.path(card.id) + "/stage"), .raw(controls))
            }
        )
    }

    /// The inside of a move form for a card of `stage`, rendered (and escaped) by Plot once.
    static func moveControlsHTML(from stage: LeadStage, _ context: PageContext, board: LeadPages.Board) -> String {
        Node<HTML.FormContext>.group([
            Page.csrf(context) as Node<HTML.FormContext>,
            .input(.type(.hidden), .name("back"), .value("board")),
            .unwrap(board.unitID) { .input(.type(.hidden), .name("boardUnit"), .value(String($0))) },
            .select(.attribute(named: "name", value: "stage"), .attribute(named: "aria-label", value: context.t("移到阶段", "Move to")),
                    .forEach(LeadStage.allCases.filter { $0 != stage }) { FormField.option($0.rawValue, context.t($0.zh, $0.en), selected: $0 == nextStage(after: stage)) }),
            .input(.type(.text), .name("droppedReason"), .attribute(named: "maxlength", value: "500"),
                   .placeholder(context.t("放弃原因（放弃时填写）", "Why dropped (when dropping)"))),
            .button(.type(.submit), .class("secondary"), .text(context.t("移动", "Move"))),
        ]).render()
    }

    /// The move form offers the following stage first: moving forward is what a team usually does.
    static func nextStage(after stage: LeadStage) -> LeadStage? {
        let open = LeadStage.allCases.filter(\.isOpen) + [.signed]
        guard let index = open.firstIndex(of: stage), index + 1 < open.count else { return nil }
        return open[index + 1]
    }
}
