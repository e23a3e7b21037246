/**
 * The share page's only stylesheet: constant, never built from user data.
 * The page emits it raw inside `<style>`; it also styles the link problem
 * pages (pages/layout.tsx) and the colleague's testimonial page
 * (render/peer-page.tsx).
 */

/** The share page's stylesheet (light and dark, phone width, print). */
export const CSS = `
:root{color-scheme:light dark;--bg:#fbfaf8;--fg:#1f2328;--muted:#5b6470;--line:#dcd9d3;--card:#ffffff;--accent:#1f5fbf;--chip:#eef1f5;--good:#1d7a46;--warn:#9a5b00;--bar:#7d9fd0}
@media (prefers-color-scheme:dark){:root{--bg:#16181c;--fg:#e6e7e9;--muted:#a3aab4;--line:#343840;--card:#1e2126;--accent:#8ab4f8;--chip:#2a2e35;--good:#6fcf97;--warn:#f2b35b;--bar:#4f6fa0}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:var(--accent);text-underline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:1.75rem}
h2{font-size:1.3rem;margin:0 0 .25rem}
h3{font-size:1.02rem}
.eyebrow{margin:0 0 .25rem;color:var(--muted);font-size:.8rem;letter-spacing:.06em;text-transform:uppercase}
.label{margin:.25rem 0 1rem;font-size:1.1rem;color:var(--muted)}
.facts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0 0 1rem}
.facts div{min-width:8rem}
.facts dt{color:var(--muted);font-size:.8rem}
.facts dd{margin:0;font-weight:600}
.actions{margin:0 0 1rem;color:var(--muted);font-size:.9rem}
.toc{margin:0 0 2rem;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.4rem}
.toc a{display:inline-block;padding:.2rem .6rem;border-radius:999px;background:var(--chip);color:var(--fg);text-decoration:none;font-size:.85rem}
.toc .n{color:var(--muted)}
section{margin:0 0 2.25rem}
.desc{margin:.1rem 0 1rem;color:var(--muted);font-size:.92rem}
.count{font-weight:400;color:var(--muted);font-size:.9rem}
.q{border-left:3px solid var(--line);padding:.1rem 0 .1rem .9rem;margin:0 0 1.1rem}
.q.yes{border-left-color:var(--good)}
.q.no{border-left-color:var(--warn)}
.q p{margin:.2rem 0}
.q .no-ev{color:var(--warn);font-weight:600}
.q ul{margin:.3rem 0 0;padding-left:1.1rem}
.q li{margin:.15rem 0}
.more{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.s-none{color:var(--warn)}
.s-strong{color:var(--good)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem;margin:0 0 .8rem}
.card h3{overflow-wrap:anywhere}
.card .meta{margin:.2rem 0 .5rem;color:var(--muted);font-size:.85rem}
.card dl{margin:0}
.card dt{font-size:.75rem;letter-spacing:.05em;text-transform:uppercase;color:var(--muted);margin-top:.4rem}
.card dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.metrics{list-style:none;margin:.6rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.metrics li{background:var(--chip);border-radius:6px;padding:.1rem .5rem;font-size:.82rem;font-variant-numeric:tabular-nums}
.people,.also{margin:.5rem 0 0;color:var(--muted);font-size:.85rem}
.empty{color:var(--muted);font-style:italic}
.log{border-top:1px solid var(--line);padding:.75rem 0}
.log dl{margin:.3rem 0 0}
.log dt{font-weight:600;font-size:.9rem;margin-top:.4rem}
.log dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.timeline td{border:0;padding:.15rem .5rem}
.timeline .m{white-space:nowrap;color:var(--muted);width:6.5rem}
.timeline .gap td{color:var(--muted);font-size:.82rem;font-style:italic}
.timeline .b{width:100%}
.timeline .bar{height:.7rem;border-radius:3px;background:var(--bar);min-width:2px}
footer{border-top:1px solid var(--line);padding-top:1rem;color:var(--muted);font-size:.85rem}
@media (max-width:30rem){.wrap{padding:1rem .75rem 2rem}h1{font-size:1.45rem}.card{padding:.75rem .8rem}}
@page{margin:16mm 14mm}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--card:#fff;--chip:#fff;--bar:#888;color-scheme:light}
body{font-size:10.5pt;line-height:1.4}
.wrap{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.card h3 a[href]::after{content:" (" attr(href) ")";font-weight:400;font-size:8pt;color:#444;overflow-wrap:anywhere}
.actions,.toc,.no-print{display:none}
.competency{break-before:page}
.card,.q,.log,tr{break-inside:avoid}
h2,h3{break-after:avoid}
.metrics li{border:1px solid #bbb}
.timeline .bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

/** The share page's stylesheet, by the name the link problem pages use. */
export const SHARE_PAGE_CSS = CSS;
