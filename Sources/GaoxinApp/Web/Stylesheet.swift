/// The one stylesheet, served by the server itself: dense tables, readable at 1366×768, usable on
/// a phone, printable on A4. System fonts only (no font is fetched from outside).
enum Stylesheet {
    static let css = """
    :root { --ink:#1f2933; --muted:#5f6b7a; --line:#d5dbe3; --bg:#f5f7fa; --brand:#0b4f8a; --accent:#c0392b; --ok:#1e7b34; }
    * { box-sizing: border-box; }
    html { font-size: 14px; }
    body { margin:0; font-family: "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei","Source Han Sans SC",sans-serif; color:var(--ink); background:var(--bg); line-height:1.5; }
    a { color: var(--brand); }
    header.top { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem 1.5rem; background:var(--brand); color:#fff; padding:.4rem 1rem; }
    header.top a { color:#fff; text-decoration:none; }
    .brand { font-weight:700; font-size:1.1rem; white-space:nowrap; }
    nav.menu ul { list-style:none; display:flex; flex-wrap:wrap; gap:.2rem .9rem; margin:0; padding:0; }
    nav.menu a.current { border-bottom:2px solid #fff; }
    .userbox { margin-left:auto; display:flex; gap:.8rem; align-items:center; flex-wrap:wrap; }
    .userbox .who { opacity:.9; max-width:22rem; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
    main { max-width:1320px; margin:0 auto; padding:1rem; background:#fff; min-height:70vh; }
    h1 { font-size:1.4rem; margin:.2rem 0 .8rem; overflow-wrap:anywhere; }
    h2 { font-size:1.1rem; margin:1.2rem 0 .5rem; }
    .foot { text-align:center; color:var(--muted); font-size:.85rem; padding:1rem; }
    .notice { background:#e8f4ea; border-left:4px solid var(--ok); padding:.4rem .8rem; }
    .notice.secret code { font-size:1rem; word-break:break-all; }
    .form-errors { background:#fdecea; border-left:4px solid var(--accent); padding:.4rem .8rem; margin:.5rem 0; }
    .hint { color:var(--muted); font-size:.9rem; }
    .list-controls { display:flex; flex-wrap:wrap; gap:.4rem; align-items:center; margin:.4rem 0; }
    .list-controls input[type=search] { min-width:14rem; }
    .list-controls select { max-width:16rem; }
    .exports { margin-left:auto; display:flex; gap:.8rem; }
    .count { color:var(--muted); margin:.2rem 0; }
    .table-wrap { overflow-x:auto; }
    table.chain-map { min-width:46rem; }  /* on a phone the map scrolls sideways instead of wrapping names */
    table { border-collapse:collapse; width:100%; font-size:.95rem; }
    th, td { border:1px solid var(--line); padding:.3rem .5rem; text-align:left; vertical-align:top; overflow-wrap:anywhere; }
    th { background:#eef2f7; white-space:nowrap; }
    th a { color:var(--ink); text-decoration:none; }
    tbody tr:nth-child(even) { background:#fafbfc; }
    td.empty, p.empty { color:var(--muted); text-align:center; }
    .pager { display:flex; flex-wrap:wrap; gap:1rem; justify-content:center; align-items:center; margin:.6rem 0; }
    .pager-jump { display:flex; align-items:center; gap:.2rem; margin:0; }
    .pager-jump .page-number { width:5rem; }
    input, select, textarea, button { font:inherit; padding:.3rem .5rem; border:1px solid #b8c2cc; border-radius:3px; max-width:100%; }
    button, .button { background:var(--brand); color:#fff; border:1px solid var(--brand); border-radius:3px; padding:.3rem .9rem; cursor:pointer; text-decoration:none; display:inline-block; }
    button.secondary, .button.secondary { background:#fff; color:var(--brand); }
    button.link { background:none; border:none; color:inherit; text-decoration:underline; padding:0; }
    td button.link { margin-left:.5rem; font-size:.8rem; color:#666; }
    td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
    form.inline { display:inline-flex; gap:.4rem; align-items:center; flex-wrap:wrap; }
    .actions { display:flex; gap:.6rem; flex-wrap:wrap; align-items:center; margin:.6rem 0; }
    form.record { max-width:44rem; }
    .field { display:flex; flex-direction:column; margin:.5rem 0; }
    .field label, .field .label { font-weight:600; }
    .field .req { color:var(--accent); }
    .field.invalid input, .field.invalid select, .field.invalid textarea { border-color:var(--accent); background:#fff8f7; }
    .field-error { color:var(--accent); font-size:.9rem; }
    .checks { display:flex; flex-wrap:wrap; gap:.3rem 1rem; }
    dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2rem 1rem; }
    dl.facts dt { color:var(--muted); }
    dl.facts dd { margin:0; overflow-wrap:anywhere; }
    .strength { font-size:.8rem; border-radius:3px; padding:0 .35rem; white-space:nowrap; }
    .strength-missing { background:#fde2e1; color:#9b1c1c; border:1px solid #e6a3a0; }
    .strength-weak { background:#fff4d6; color:#7a5600; border:1px solid #e8cf8a; }
    .strength-strong { background:#e3f4e6; color:#1d5e2c; border:1px solid #9fd0aa; }
    td .strength { display:inline-block; margin:0 .3rem .2rem 0; }
    .pace { font-size:.85rem; border-radius:3px; padding:0 .4rem; white-space:nowrap; }
    td.pace-green { color:#1d5e2c; } td.pace-yellow { color:#7a5600; background:#fff8e3; } td.pace-red { color:#9b1c1c; background:#fdeceb; }
    .pace-on_pace { background:#e3f4e6; color:#1d5e2c; border:1px solid #9fd0aa; }
    .pace-slightly_behind { background:#fff4d6; color:#7a5600; border:1px solid #e8cf8a; }
    .pace-behind { background:#fde2e1; color:#9b1c1c; border:1px solid #e6a3a0; }
    .rule { color:var(--muted); font-size:.85rem; }
    tr.subtotal td { font-weight:600; background:#f4f6f9; }
    .chain-svg { width:100%; height:auto; font-size:12px; }
    .chain-svg .cm-segment { fill:#0b4f8a; }
    .chain-svg .cm-segment-name { fill:#fff; font-weight:700; font-size:14px; }
    .chain-svg .cm-arrow { fill:#0b4f8a; font-size:20px; font-weight:700; }
    .chain-svg .cm-strong { fill:#e3f4e6; stroke:#5fa86f; }
    .chain-svg .cm-weak { fill:#fff4d6; stroke:#d4a72c; }
    .chain-svg .cm-missing { fill:#fde2e1; stroke:#c0504d; stroke-dasharray:4 3; }
    .chain-svg .cm-title { font-weight:700; fill:#1a2633; }
    .chain-svg .cm-enterprise { fill:#1a2633; }
    .chain-svg .cm-target { fill:#9b1c1c; }
    .chain-svg .cm-none, .chain-svg .cm-more { fill:#5b6b7c; }
    .legend span { margin-right:1rem; }
    .revenue-chart svg { width:100%; max-width:760px; height:auto; }
    .rc .rc-grid { stroke:#dde3ea; }
    .rc .rc-label { font-size:11px; fill:#5b6b7c; }
    .rc .rc-year0 { fill:#0b4f8a; } .rc .rc-year1 { fill:#3d7fb8; } .rc .rc-year2 { fill:#7fb0d8; }
    .check { font-size:.8rem; border-radius:3px; padding:0 .35rem; white-space:nowrap; }
    .check-done { background:#e3f4e6; color:#1d5e2c; border:1px solid #9fd0aa; }
    .check-in_progress { background:#fff4d6; color:#7a5600; border:1px solid #e8cf8a; }
    .check-missing { background:#fde2e1; color:#9b1c1c; border:1px solid #e6a3a0; }
    .badge.expired { background:#fde2e1; color:#9b1c1c; } .badge.expiring { background:#fff4d6; color:#7a5600; }
    .badge.valid, .badge.settled { background:#e3f4e6; color:#1d5e2c; }
    .backlinks .badge { margin-left:.4rem; font-size:.8rem; padding:0 .3rem; border-radius:3px; }
    .tag { margin-left:.4rem; font-size:.8rem; color:var(--accent); border:1px solid var(--accent); border-radius:3px; padding:0 .3rem; }
    ul.plain { padding-left:1.2rem; }
    .breadcrumbs { color:var(--muted); margin-bottom:.4rem; }
    .cards { display:grid; gap:1rem; grid-template-columns:repeat(auto-fill, minmax(11rem, 1fr)); }
    .card { border:1px solid var(--line); border-radius:4px; padding:.8rem 1.2rem; text-decoration:none; color:var(--ink); display:flex; flex-direction:column; }
    .my-work { margin-bottom:1rem; } .my-work h3 { font-size:1rem; margin:.6rem 0 .2rem; } .my-work .badge { font-size:.8rem; padding:0 .3rem; border-radius:3px; }
    .board { display:grid; gap:.8rem; grid-template-columns:repeat(auto-fit, minmax(14rem, 1fr)); align-items:start; }
    .board-column { background:#f6f8fa; border-radius:4px; padding:.5rem; min-width:0; }
    .board-column h2 { font-size:1rem; margin:.2rem 0 .5rem; }
    .board .card { padding:.5rem .6rem; margin-bottom:.5rem; background:#fff; gap:.2rem; }
    .board .card h3 { font-size:.95rem; margin:0; overflow-wrap:anywhere; }
    .board .card p { margin:0; }
    .board .card.overdue { border-color:#e6a3a0; }
    .board form.move { display:flex; flex-wrap:wrap; gap:.3rem; margin-top:.3rem; }
    .board form.move input[type=text] { flex:1 1 6rem; min-width:0; }
    .card-value { font-size:1.6rem; font-weight:700; color:var(--brand); }
    .card-note { font-size:.8rem; color:var(--muted, #667); }
    .diff { display:grid; grid-template-columns:1fr 1fr; gap:1rem; }
    .diff pre { background:#f6f8fa; padding:.6rem; overflow:auto; white-space:pre-wrap; word-break:break-all; }
    .signin { max-width:24rem; }
    progress { width:16rem; }
    .product-space-wrap svg { width:100%; max-width:720px; height:auto; border:1px solid var(--line); background:#fcfdfe; }
    .product-space .edge { stroke:#b8c4d2; }
    .product-space .node.present { fill:var(--brand); }
    .product-space .node.target { fill:#e67e22; stroke:#8a4a0f; }
    .product-space .node.other { fill:#c7ced8; }
    .product-space .label { font-size:11px; fill:#33404f; } .product-space .label.target { fill:#8a4a0f; font-weight:600; }
    .legend .dot { display:inline-block; width:.8em; height:.8em; border-radius:50%; vertical-align:middle; }
    .legend .dot.present { background:var(--brand); } .legend .dot.target { background:#e67e22; } .legend .dot.other { background:#c7ced8; }
    .chart-wrap { margin:.5rem 0 1rem; max-width:44rem; }
    .chart-wrap svg { width:100%; height:auto; }
    .chart-wrap figcaption { font-size:.85rem; color:#555; }
    .chart .label, .chart .value { font-size:13px; fill:#24303d; } .chart a:hover .label { text-decoration:underline; }
    .chart .bar.plain { fill:var(--brand); } .chart .bar.green { fill:#3a9d5d; } .chart .bar.yellow { fill:#e0b12b; } .chart .bar.red { fill:#d0453f; }
    .chart .target { stroke:#24303d; stroke-width:2; }
    .panel { margin:1rem 0; } .panel h2 { font-size:1.1rem; }
    .bulletin { max-width:60rem; }
    .bulletin-head { text-align:center; border-bottom:3px solid #c00000; padding-bottom:.4rem; margin-bottom:1rem; }
    .bulletin-head .issuer { color:#c00000; font-size:1.9rem; font-weight:700; letter-spacing:.08em; margin:.2rem 0; overflow-wrap:anywhere; }
    .bulletin-head .title { font-size:1.4rem; font-weight:700; margin:.2rem 0; }
    .bulletin-head .meta { display:flex; flex-wrap:wrap; justify-content:space-between; gap:.5rem; }
    .bulletin p.lead { text-indent:2em; line-height:1.8; margin:.3rem 0; }
    .bulletin .annex h2 { font-size:1.1rem; }
    .bulletin .draft { border:1px solid #e0b252; background:#fff8e6; padding:.4rem .6rem; }
    .light { display:inline-block; min-width:1.6em; text-align:center; border-radius:3px; padding:0 .2em; font-weight:600; }
    .light.red { background:#fde2e1; color:#a4161a; } .light.yellow { background:#fff3c4; color:#7a5a00; } .light.green { background:#dff3e4; color:#1e6b34; }
    @media (max-width: 700px) {
      main { padding:.6rem; }
      .userbox { margin-left:0; }
      .diff { grid-template-columns:1fr; }
      .exports { margin-left:0; }
      th, td { padding:.25rem .3rem; }
    }
    /* Parks and space: the matching's reasons, the public form's honeypot (off screen, not display:none, which some scripts skip). */
    ul.reasons { margin:0; padding-left:1rem; font-size:.85rem; }
    .hp { position:absolute; left:-10000px; width:1px; height:1px; overflow:hidden; }
    .prewrap { white-space:pre-wrap; }
    .card.scenario { border:1px solid #ddd; border-radius:6px; padding:.6rem .9rem; margin:.8rem 0; }
    .shortfall { color:#b3261e; }
    @media print {
      /* On paper only the record: no form (nor the heading that belongs to it), action column, button,
         navigation, search or pager. Views mark such parts with Print.hidden where they are built. */
      header.top, nav, .list-controls, .pager, .actions, form, button, .button, .form-errors, .foot, .\(Print.hidden) { display:none !important; }
      body, main { background:#fff; }
      main { max-width:none; padding:0; }
      a { color:inherit; text-decoration:none; }
      table { font-size:9pt; }
      @page { size: A4; margin: 12mm; }
      /* A page holding a drawing meant for one landscape sheet (the chain attraction map): the named
         page turns the paper for the whole page (its title too, or the title would print on a
         portrait page of its own), and the drawing shrinks to the sheet's height however many
         nodes the chain has. */
      @page landscape-sheet { size: A4 landscape; margin: 10mm; }
      main:has(.landscape-sheet) { page: landscape-sheet; }
      .landscape-sheet .chain-svg { width:auto; max-width:100%; max-height:150mm; }
      /* A bulletin: the 红头 and text on the first page, each annex table from a new page, its
         heading row repeated on every page, no row split across two. */
      .bulletin .annex { break-before:page; }
      .bulletin thead { display:table-header-group; }
      .bulletin tr, .bulletin .bulletin-head { break-inside:avoid; }
      .bulletin .light { border:1px solid #999; }
    }
    """
}
