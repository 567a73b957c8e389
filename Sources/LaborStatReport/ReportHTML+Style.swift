/// The page's one style sheet: a CJK font stack (no web fonts), right-aligned numbers, and print
/// rules that show every row whatever the filters and never split a row across pages.
extension ReportHTML {
    static let css = """
    :root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--rule:#d0d7de;--band:#f6f8fa;--accent:#0b5cad}
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:62rem;padding:1.5rem;line-height:1.6}
    h1{font-size:1.8rem;margin:0 0 .3rem}h2{font-size:1.35rem;border-bottom:2px solid var(--rule);padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.1rem;margin-top:1.8rem}
    .subtitle{font-size:1.15rem;color:var(--muted);margin:0}.fact{margin:.1rem 0;color:var(--muted)}
    a{color:var(--accent)}nav.toc ol{padding-left:1.4rem}nav.toc li{margin:.1rem 0}
    .note{color:var(--ink)}.controls{display:flex;gap:1rem;flex-wrap:wrap;margin:.4rem 0}
    .controls input,.controls select{font:inherit;padding:.1rem .3rem}
    .unit,.tnote,.source,.csv{margin:.2rem 0;font-size:.92rem;color:var(--muted)}
    table{border-collapse:collapse;width:100%;font-size:.95rem;margin:.3rem 0}
    caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    th,td{border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);padding:.25rem .5rem;text-align:left;vertical-align:top}
    thead th{border-top:2px solid var(--ink);border-bottom:1px solid var(--ink);background:var(--band)}
    tbody tr:last-child td{border-bottom:2px solid var(--ink)}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
    th button:focus-visible{outline:2px solid var(--accent)}
    th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}th[aria-sort=other] button::after{content:" ◆"}
    tr.hidden{display:none}
    figure.chart{margin:1rem 0;text-align:center}figure.chart svg{max-width:100%;height:auto}
    figcaption{font-size:.9rem;color:var(--muted)}
    footer{margin-top:3rem;border-top:1px solid var(--rule);font-size:.85rem;color:var(--muted)}
    footer code{word-break:break-all;font-size:.8rem}footer dd{margin:0 0 .3rem 1rem}
    @media print{body{max-width:none;padding:0}.controls,button,input,select,.csv{display:none}
    th button{display:inline}tr.hidden{display:table-row}tr{break-inside:avoid;page-break-inside:avoid}
    th[aria-sort] button::after{content:""}a{color:inherit;text-decoration:none}}

    """
}
