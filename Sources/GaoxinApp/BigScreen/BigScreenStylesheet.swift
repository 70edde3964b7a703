/// The wall display's own stylesheet: dark, large type, a fixed 1920×1080 grid (a wall screen is
/// not resized; a smaller window scrolls rather than reflowing into something unreadable).
enum BigScreenStylesheet {
    static let css = """
    :root { color-scheme: dark; }
    body.screen { margin:0; width:1920px; min-height:1080px; background:#07142b; color:#e8f0ff;
      font-family:"PingFang SC","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif; }
    .screen header { height:96px; display:flex; align-items:center; justify-content:space-between; padding:0 40px;
      background:linear-gradient(90deg,#0b2a5b,#07142b); border-bottom:2px solid #1f6feb; }
    .screen h1 { font-size:44px; margin:0; letter-spacing:4px; }
    .screen .as-of { font-size:22px; color:#9fb6dd; margin:0; }
    .screen main { display:grid; grid-template-columns:470px 1fr 560px; gap:24px; padding:24px 32px; height:936px; box-sizing:border-box; }
    .screen h2 { font-size:26px; margin:0 0 12px; color:#7cc4ff; font-weight:600; }
    .screen .tiles { display:grid; grid-template-columns:1fr 1fr; gap:12px; align-content:start; }
    .screen .tile { background:#0d2347; border:1px solid #1b3f7a; border-radius:8px; padding:10px 16px; display:flex; flex-direction:column; }
    .screen .tile.wide { grid-column:span 2; }
    .screen .tile-label { font-size:20px; color:#9fb6dd; }
    .screen .tile-value { font-size:42px; font-weight:700; line-height:1.15; color:#ffffff; font-variant-numeric:tabular-nums; overflow-wrap:anywhere; }
    .screen .tile-unit { font-size:18px; color:#9fb6dd; }
    .screen .tile.red .tile-value { color:#ff6b66; } .screen .tile.yellow .tile-value { color:#ffd257; } .screen .tile.green .tile-value { color:#5ee08a; }
    .screen .map { display:flex; flex-direction:column; min-width:0; }
    .screen .board-map { width:100%; height:760px; }
    .screen .district { stroke:#7cc4ff; stroke-width:2; }
    .screen .district.none { fill:#0d2347; } .screen .district.step0 { fill:#12366b; } .screen .district.step1 { fill:#17488c; }
    .screen .district.step2 { fill:#1d5cb0; } .screen .district.step3 { fill:#2672d1; } .screen .district.step4 { fill:#3a8cf0; }
    .screen .district-name { font-size:30px; fill:#ffffff; font-weight:600; paint-order:stroke; stroke:#07142b; stroke-width:4px; }
    .screen circle.park { fill:#ffe08a; stroke:#07142b; stroke-width:2; } .screen circle.park.national { fill:#ff8a65; }
    .screen circle.park.provincial { fill:#ffd54f; } .screen circle.park.municipal { fill:#aed581; } .screen circle.park.none { fill:#b0bec5; }
    .screen .district-value { font-size:34px; fill:#ffe08a; font-weight:700; paint-order:stroke; stroke:#07142b; stroke-width:4px; }
    .screen .park-legend { margin:8px 0 0; font-size:22px; color:#9fb6dd; display:flex; gap:20px; flex-wrap:wrap; }
    .screen .park-legend .dot::before { content:""; display:inline-block; width:14px; height:14px; border-radius:50%; margin-right:6px; background:#b0bec5; }
    .screen .park-legend .national::before { background:#ff8a65; } .screen .park-legend .provincial::before { background:#ffd54f; }
    .screen .park-legend .municipal::before { background:#aed581; }
    .screen .off-map { list-style:none; margin:8px 0 0; padding:0; display:flex; flex-wrap:wrap; gap:8px 24px; font-size:22px; color:#9fb6dd; }
    .screen .side { min-width:0; overflow:hidden; }
    .screen .chart { width:100%; height:auto; }
    .screen .chart .label, .screen .chart .value { fill:#e8f0ff; font-size:15px; }
    .screen .chart .bar.plain { fill:#3a8cf0; } .screen .chart .bar.green { fill:#35b964; } .screen .chart .bar.yellow { fill:#e8b92e; } .screen .chart .bar.red { fill:#e5544e; }
    .screen .chart .target { stroke:#ffffff; stroke-width:2; }
    .screen .chart-wrap .hint { font-size:16px; color:#9fb6dd; margin:4px 0 16px; }
    .screen .chart-wrap a { pointer-events:none; }
    .screen .ranking { list-style:none; margin:0; padding:0; font-size:22px; }
    .screen .ranking li { display:grid; grid-template-columns:44px 1fr 90px; align-items:center; padding:6px 0; border-bottom:1px solid #1b3f7a; }
    .screen .ranking .unit { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
    .screen .ranking .rank { color:#7cc4ff; font-weight:700; }
    .screen .light { text-align:center; border-radius:4px; font-weight:700; }
    .screen .light.red { background:#5a1715; color:#ff8a85; } .screen .light.yellow { background:#4d3d06; color:#ffd257; } .screen .light.green { background:#0f4224; color:#5ee08a; }
    """
}
