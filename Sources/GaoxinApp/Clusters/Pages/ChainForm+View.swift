import GaoxinDomain
import Plot

/// Edit form of a chain: its name and the thresholds that grade its nodes.
enum ChainFormView {
    static func thresholdFields<C: HTML.BodyContext>(_ context: PageContext, values: [String: String], errors: [FieldError]) -> Node<C> {
        let lang = context.lang
        return .group(
            FormField.text("minEnterprises", label: context.t("环节企业数门槛（家）", "Enterprises per node at least"), value: values["minEnterprises"] ?? "3",
                           errors: errors, lang: lang, maxLength: 6),
            FormField.text("minRevenue", label: context.t("环节近 12 个月营收门槛（万元）", "Node revenue, last 12 months, at least (10k yuan)"),
                           value: values["minRevenue"] ?? "0", errors: errors, lang: lang, maxLength: 16),
            FormField.checkbox("requireBackbone", label: context.t("须有骨干及以上企业", "Needs a backbone enterprise or above"),
                               checked: (values["requireBackbone"] ?? "1") == "1", errors: errors, lang: lang)
        )
    }

    static func render(_ context: PageContext, chainID: Int, values: [String: String], errors: [FieldError]) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: context.t("编辑产业链", "Edit chain"),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(Site.chain(chainID)), .novalidate(), Page.csrf(context),
                  FormField.text("name", label: context.t("产业链名称", "Chain name"), value: values["name"], errors: errors, lang: lang, required: true, maxLength: 100),
                  thresholdFields(context, values: values, errors: errors),
                  FormField.textarea("note", label: context.t("备注", "Note"), value: values["note"], errors: errors, lang: lang),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))),
                       .a(.class("button secondary"), .href(Site.chain(chainID)), .text(context.t("取消", "Cancel")))))
        )
    }
}

/// Edit form of a node (its parent is fixed once created; a root may change segment).
enum ChainNodeFormView {
    static func render(_ context: PageContext, node: ChainNodeDTO, values: [String: String], errors: [FieldError]) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: context.t("编辑环节", "Edit node"),
            .nav(.class("breadcrumbs"), .a(.href(Site.chain(node.chainId)), .text(context.t("返回产业链", "Back to the chain")))),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(Site.chainNode(node.id)), .novalidate(), Page.csrf(context),
                  fields(context, values: values, errors: errors, segmentEditable: node.parentId == nil, parentOptions: []),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))),
                       .a(.class("button secondary"), .href(Site.chain(node.chainId)), .text(context.t("取消", "Cancel"))))),
            .form(.class("inline"), .method(.post), .action(Site.chainNodeDelete(node.id)), Page.csrf(context),
                  .button(.type(.submit), .class("secondary"), .text(context.t("删除该环节（须无下级环节和企业）", "Delete node (must be empty)"))))
        )
    }

    static func fields<C: HTML.BodyContext>(_ context: PageContext, values: [String: String], errors: [FieldError], segmentEditable: Bool, parentOptions: [FormField.Option]) -> Node<C> {
        let lang = context.lang
        return .group(
            FormField.text("name", label: context.t("环节名称", "Node name"), value: values["name"], errors: errors, lang: lang, required: true, maxLength: 100),
            .if(segmentEditable, FormField.select("segment", label: context.t("位置", "Segment"),
                                                  options: ChainSegment.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                                  selected: values["segment"], errors: errors, lang: lang, required: parentOptions.isEmpty,
                                                  blank: parentOptions.isEmpty ? context.t("请选择", "Choose") : context.t("（随上级环节）", "(as parent)"))),
            .if(!parentOptions.isEmpty, FormField.select("parentId", label: context.t("上级环节", "Parent node"), options: parentOptions,
                                                         selected: values["parentId"], errors: errors, lang: lang, blank: context.t("（无，直接挂在位置下）", "(none)"))),
            FormField.text("industryCodes", label: context.t("行业（GB/T 4754 代码或名称，逗号分隔）", "Industries (GB/T 4754 codes or names, comma-separated)"), value: values["industryCodes"],
                           errors: errors, lang: lang, maxLength: 500,
                           hint: context.t("用于与产业推荐对照，如 3973,3972 或 集成电路制造", "Matched against the recommendation, e.g. 3973,3972 or 集成电路制造")),
            FormField.textarea("products", label: context.t("关键产品与技术", "Key products and technologies"), value: values["products"], errors: errors, lang: lang),
            FormField.text("sortOrder", label: context.t("排序号", "Sort order"), value: values["sortOrder"] ?? "0", errors: errors, lang: lang, type: .number)
        )
    }
}
