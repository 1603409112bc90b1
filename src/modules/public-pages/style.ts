/** The public pages' one stylesheet, served at /results/style.css (no inline styles: the CSP forbids them). */
export const PUBLIC_PAGES_CSS = `:root {
  --ink: #1b2230;
  --muted: #566074;
  --paper: #fbfaf7;
  --card: #ffffff;
  --line: #dfdbd0;
  --accent: #8a6414;
  --accent-soft: #f4ead3;
  --link: #1f4f99;
  --pass: #1d6b35;
  --fail: #a4262c;
  --space: 1rem;
  --radius: 6px;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  --serif: Georgia, "Times New Roman", serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e6e1;
    --muted: #aab1bf;
    --paper: #12161f;
    --card: #1a202b;
    --line: #323a49;
    --accent: #e2b857;
    --accent-soft: #2e2717;
    --link: #8fb6ff;
    --pass: #7fd29a;
    --fail: #ff9a9e;
  }
}
* { box-sizing: border-box; }
html { font-family: var(--font); line-height: 1.5; color: var(--ink); background: var(--paper); }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: var(--space); top: var(--space); background: var(--card); padding: .5rem; z-index: 1; }
header.site, footer.site { border-bottom: 1px solid var(--line); background: var(--card); }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; margin-top: calc(3 * var(--space)); }
.bar { max-width: 72rem; margin: 0 auto; padding: var(--space); display: flex; flex-wrap: wrap; gap: var(--space);
  align-items: center; justify-content: space-between; }
.brand { font-family: var(--serif); font-size: 1.25rem; font-weight: bold; color: var(--accent); text-decoration: none; }
nav.lang ul { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; }
nav.lang a[aria-current="true"] { font-weight: bold; text-decoration: none; color: var(--ink); }
main { max-width: 72rem; margin: 0 auto; padding: var(--space); }
h1, h2, h3 { font-family: var(--serif); line-height: 1.2; }
h1 { font-size: clamp(1.6rem, 4vw, 2.4rem); margin: var(--space) 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 var(--space); }
section.category, section.verify, ul.editions > li { background: var(--card); border: 1px solid var(--line);
  border-radius: var(--radius); padding: var(--space); margin: var(--space) 0; }
ul.editions { list-style: none; padding: 0; }
ul.editions h2 { margin: 0 0 .25rem; font-size: 1.3rem; }
.winners { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: .5rem var(--space);
  margin: 0 0 var(--space); }
.winners p { margin: .25rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; min-width: 48rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0 .5rem; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.winner td { font-weight: 600; }
.badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: var(--radius);
  border: 1px solid var(--accent); color: var(--accent); margin-left: .35rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
code.digest { overflow-wrap: anywhere; }
pre { background: var(--paper); border: 1px solid var(--line); padding: .75rem; overflow-x: auto;
  border-radius: var(--radius); white-space: pre-wrap; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
.jury-statistics { border-top: 1px solid var(--line); margin-top: var(--space); }
.jury-statistics h3 { font-size: 1.05rem; margin: var(--space) 0 .25rem; }
.jury-statistics p { margin: .25rem 0; }
.jury-statistics .fragile { border-left: 4px solid var(--fail); padding: .25rem var(--space); margin: .5rem 0; }
.jury-statistics .fragile ul { margin: .25rem 0; padding-left: 1.25rem; }
.browser-check { border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: .25rem 0; }
.browser-check button { font: inherit; font-weight: 600; color: var(--card); background: var(--accent);
  border: 2px solid var(--accent); border-radius: var(--radius); padding: .5rem 1rem; cursor: pointer; }
.browser-check button:hover { filter: brightness(1.1); }
.browser-check button:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.browser-check button[aria-disabled="true"] { opacity: .7; cursor: progress; }
.verdict .headline.verified { color: var(--pass); }
.verdict .headline.refused { color: var(--fail); }
.verdict ul.checks { list-style: none; padding: 0; margin: .5rem 0; }
.verdict ul.checks > li { margin: .25rem 0; padding-left: 1.4rem; text-indent: -1.4rem; }
.verdict li.pass .mark { color: var(--pass); font-weight: bold; }
.verdict li.fail .mark { color: var(--fail); font-weight: bold; }
.verdict details { text-indent: 0; margin: .25rem 0; }
.verdict details ul { padding-left: 1rem; }
.verdict details code { overflow-wrap: anywhere; font-size: .85rem; }
@media (prefers-reduced-motion: no-preference) { a { transition: color .15s; } }
`;
