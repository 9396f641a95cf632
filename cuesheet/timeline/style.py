"""The style sheets: colours by kind, light and dark (``prefers-color-scheme``), print.

``SVG_STYLE`` goes inside the SVG, so a standalone ``.svg`` keeps its colours;
its variables hang on the ``.timeline`` class.  ``PAGE_STYLE`` is the page
around it: A4 landscape when printed, always light on paper.
"""

SVG_STYLE = """
.timeline { --bg:#ffffff; --fg:#1c2230; --muted:#5c6675; --grid:#e4e7ec; --row:#f4f6f9;
  --seg:#c9d2df; --music:#3d7bd9; --anthem:#d9960f; --speech:#2e9a68; --effect:#8a57cf;
  --other:#7a8593; --over:#d1383d; --under:#2f7fb0; --ontime:#2e9a68; --unknown:#8a6d00;
  --fixed:#1c2230; --hatch:rgba(255,255,255,.55); --blocktext:#ffffff; --late:#d1383d;
  --early:#2f7fb0; --moved:#e36a00;
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
  font-size: 11px; }
@media screen and (prefers-color-scheme: dark) {
  .timeline { --bg:#14181e; --fg:#e4e8ee; --muted:#9aa4b2; --grid:#2a313b; --row:#1b2129;
    --seg:#3a4656; --music:#5b97ef; --anthem:#e8ad2e; --speech:#3fba82; --effect:#a57ce6;
    --other:#8d99a8; --over:#ff6b6f; --under:#5fb2e6; --ontime:#3fba82; --unknown:#e0c04a;
    --fixed:#e4e8ee; --hatch:rgba(0,0,0,.45); --blocktext:#0d1014; --late:#ff6b6f;
    --early:#5fb2e6; --moved:#ff9a3d; }
}
.timeline .bg { fill: var(--bg); }
.timeline text { fill: var(--fg); }
.timeline .muted, .timeline .axis text { fill: var(--muted); }
.timeline .axis text.caption { fill: var(--fg); font-weight: 600; }
.timeline .grid { stroke: var(--grid); stroke-width: 1; }
.timeline .grid.major { stroke: var(--muted); stroke-opacity: .35; }
.timeline .row { fill: var(--row); }
.timeline .seg { fill: var(--seg); }
.timeline .seg.budget { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; }
.timeline .seg-title { font-weight: 600; }
.timeline .hatch-line { fill: var(--hatch); }
.timeline .hatch-line-k { fill: var(--muted); fill-opacity: .45; }
.timeline .k-music { --k: var(--music); } .timeline .k-anthem { --k: var(--anthem); }
.timeline .k-speech { --k: var(--speech); } .timeline .k-effect { --k: var(--effect); }
.timeline .k-other { --k: var(--other); }
.timeline rect.block { fill: var(--k); stroke: var(--bg); stroke-width: 1; }
.timeline rect.hatch { pointer-events: none; }
.timeline .estimate rect.hatch { fill: url(#hatch); }
.timeline .unknown rect.hatch { fill: url(#hatch-k); }
.timeline .unknown rect.block, .timeline .floating rect.block {
  fill: var(--k); fill-opacity: .18; stroke: var(--k); stroke-width: 1.5; stroke-dasharray: 4 2; }
.timeline .floating rect.block { fill-opacity: .4; }
.timeline .cue text { fill: var(--blocktext); font-size: 10px; pointer-events: none; }
.timeline .cue.unknown text, .timeline .cue.floating text { fill: var(--fg); }
.timeline .cue.dropped rect.block { fill-opacity: .35; }
.timeline .cue.dropped text { fill: var(--fg); }
.timeline .cue:target rect.block, .timeline .cue:hover rect.block, .timeline a:focus rect.block {
  stroke: var(--fg); stroke-width: 2; stroke-dasharray: none; }
.timeline .fixed line { stroke: var(--fixed); stroke-width: 1.5; }
.timeline .fixed.hardout line { stroke: var(--over); stroke-width: 2.5; }
.timeline .fixed text.label { font-weight: 600; }
.timeline .over { fill: var(--over); } .timeline .under { fill: var(--under); }
.timeline .ontime { fill: var(--ontime); } .timeline .unknown-text { fill: var(--unknown); }
.timeline text.over, .timeline text.under, .timeline text.ontime { font-weight: 600; }
.timeline rect.overrun { fill: var(--over); fill-opacity: .12; }
.timeline .aired rect.block { fill-opacity: .8; }
.timeline .aired.extra rect.block { fill: var(--bg); stroke: var(--late); stroke-width: 1.5;
  stroke-dasharray: 3 2; }
.timeline .aired.moved rect.block { stroke: var(--moved); stroke-width: 2.5; }
.timeline .aired text { font-size: 9px; }
.timeline .link { stroke: var(--muted); stroke-width: 1; }
.timeline .link.late { stroke: var(--late); stroke-width: 1.5; }
.timeline .link.early { stroke: var(--early); stroke-width: 1.5; }
.timeline .link.moved { stroke: var(--moved); stroke-width: 1.5; }
.timeline text.late { fill: var(--late); font-weight: 600; }
.timeline text.early { fill: var(--early); font-weight: 600; }
.timeline text.moved { fill: var(--moved); font-weight: 600; }
.timeline text.inside { fill: var(--blocktext); }
.timeline .legend text { font-size: 11px; }
.timeline .drop { stroke: var(--late); stroke-width: 2; }
@media print { .timeline .cue:hover rect.block { stroke: var(--bg); stroke-width: 1; } }
"""

PAGE_STYLE = """
:root { color-scheme: light dark; --bg:#ffffff; --fg:#1c2230; --muted:#5c6675; --line:#e4e7ec;
  --error:#d1383d; --warning:#b97800; --info:#2f7fb0; --link:#2b63b8; }
@media screen and (prefers-color-scheme: dark) {
  :root { --bg:#14181e; --fg:#e4e8ee; --muted:#9aa4b2; --line:#2a313b; --error:#ff6b6f;
    --warning:#e8ad2e; --info:#5fb2e6; --link:#7fb0ff; }
}
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; padding: 16px 20px 32px; max-width: none;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
p.meta { margin: 0 0 10px; color: var(--muted); }
a { color: var(--link); }
.picture { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; }
.picture svg { display: block; max-width: 100%; height: auto; }
ol.cue-list { display: none; columns: 2; column-gap: 24px; font-size: 9pt; padding-left: 28px; }
ol.cue-list li { break-inside: avoid; }
ol.cue-list .t { font-variant-numeric: tabular-nums; color: var(--muted); }
table.fixed, table.side-by-side { border-collapse: collapse; margin: 6px 0; }
table.fixed th, table.fixed td, table.side-by-side th, table.side-by-side td {
  padding: 3px 10px 3px 0; text-align: left;
  border-bottom: 1px solid var(--line); font-variant-numeric: tabular-nums; }
table.side-by-side { font-size: 9pt; }
tr.row-dropped td, tr.row-extra td { color: var(--error); }
.over { color: var(--error); font-weight: 600; }
.under { color: var(--info); font-weight: 600; }
.ontime { color: var(--muted); }
.unknown { color: var(--warning); }
ol.findings { padding-left: 22px; margin: 6px 0; }
ol.findings li { margin: 2px 0; }
.sev { display: inline-block; min-width: 56px; font-weight: 600; font-size: 12px;
  text-transform: uppercase; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); }
code { font-size: 12px; }
footer { margin-top: 18px; color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  html, body { background: #fff; color: #000; }
  body { padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .picture { overflow: visible; border: none; }
  .picture svg { width: 100%; height: auto; }
  ol.cue-list { display: block; }
  h2, table.fixed, ol.findings li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
