// The dashboard's stylesheet, inlined in the page: light and dark, readable from 390 px up.

export const DASHBOARD_CSS = `
:root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--fg:#1f2328;--dim:#5f6b76;--line:#dde2e7;
--soft:#eef1f4;--accent:#0a66d8;--rss:#2563eb;--heapUsed:#0f9f6e;--external:#d97706;
--heapAfterGc:#7c3aed;--ok:#1a7f37;--warn:#b7791f;--warn-bg:#fff8e1;--warn-line:#f0c36d}
@media (prefers-color-scheme:dark){:root{--bg:#0e1116;--card:#161b22;--fg:#e6edf3;--dim:#97a1ab;
--line:#2d333b;--soft:#1f252d;--accent:#4c9aff;--rss:#6aa7ff;--heapUsed:#3fd69b;--external:#f5b544;
--heapAfterGc:#c4a8ff;--ok:#3fb950;--warn:#e3b341;--warn-bg:#2a2113;--warn-line:#6b5216}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif}
a{color:var(--accent)}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.wrap{max-width:1240px;margin:0 auto;padding:0 20px}
header.top{background:var(--card);border-bottom:1px solid var(--line);padding:14px 0 0}
header.top h1{margin:0;font-size:20px;letter-spacing:-.01em}
header.top h1 span{color:var(--dim);font-weight:400}
.meta{margin:2px 0 10px;color:var(--dim);font-size:13px}
nav{display:flex;gap:4px 18px;flex-wrap:wrap;font-size:14px;padding-bottom:10px}
nav a{text-decoration:none;color:var(--dim)}nav a:hover{color:var(--accent)}
main.wrap{padding-top:16px;padding-bottom:40px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:0 0 16px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;min-width:0}
.stat .label{color:var(--dim);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.stat .value{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.3}
.stat .sub{color:var(--dim);font-size:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;
margin:0 0 16px;min-width:0}
.card h2{font-size:16px;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline}
.card h2 small{font-weight:400;color:var(--dim);font-size:13px}
.card h3{font-size:14px;margin:14px 0 6px}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,360px),1fr));gap:0 16px}
.empty,.dim{color:var(--dim)}.empty{margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{color:var(--dim);font-weight:500;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
tbody tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:12px 18px;margin:0}
dl.figures dt{color:var(--dim);font-size:12px}
dl.figures dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;color:var(--dim)}
.sw{display:inline-block;width:16px;height:3px;border-radius:2px;vertical-align:middle;margin-right:6px}
.sw.s-rss{background:var(--rss)}.sw.s-heapUsed{background:var(--heapUsed)}
.sw.s-external{background:var(--external)}
.sw.s-heapAfterGc{background:var(--heapAfterGc);width:8px;height:8px;border-radius:50%}
.plot{position:relative;height:260px;margin:14px 0 30px 70px}
.plot svg{display:block;width:100%;height:100%;overflow:visible}
.line{fill:none;stroke-width:2;stroke-linejoin:round;vector-effect:non-scaling-stroke}
.line.s-rss{stroke:var(--rss)}.line.s-heapUsed{stroke:var(--heapUsed)}
.line.s-external{stroke:var(--external)}
.dots{fill:none;stroke:var(--heapAfterGc);stroke-width:7;stroke-linecap:round;vector-effect:non-scaling-stroke}
.grid{stroke:var(--line);stroke-width:1;vector-effect:non-scaling-stroke}
.cursor{stroke:var(--dim);stroke-width:1;stroke-dasharray:4 3;vector-effect:non-scaling-stroke}
.ylabel,.xlabel{position:absolute;font-size:12px;color:var(--dim);white-space:nowrap;
font-variant-numeric:tabular-nums}
.ylabel{right:calc(100% + 8px);transform:translateY(-50%)}
.xlabel{top:calc(100% + 6px);transform:translateX(-50%)}
.xlabel.first{transform:none}.xlabel.last{transform:translateX(-100%)}
.readout{min-height:1.5em;margin:0;font-size:13px;color:var(--dim);font-variant-numeric:tabular-nums}
.sites{list-style:none;margin:0;padding:0}
.sites>li{border-top:1px solid var(--line)}
.sites-head,.sites summary{display:grid;align-items:center;gap:12px;
grid-template-columns:2.6em minmax(0,1fr) 6.5em 6em 6.5em 90px}
.sites-head{font-size:12px;color:var(--dim);text-transform:uppercase;letter-spacing:.04em;padding:0 6px 6px}
.sites summary{padding:8px 6px;cursor:pointer;list-style:none;border-radius:6px}
.sites summary::-webkit-details-marker{display:none}
.sites summary:hover{background:var(--soft)}
.sites summary:focus-visible{outline:2px solid var(--accent)}
.rank{color:var(--dim);font-variant-numeric:tabular-nums;white-space:nowrap}
.rank::before{content:"▸";display:inline-block;width:1.1em}
details[open]>summary .rank::before{content:"▾"}
.fn{display:flex;flex-direction:column;min-width:0}
.fn b{font-weight:600;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13.5px}
.fn small{color:var(--dim);font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;direction:rtl;text-align:left}
td .fn{white-space:normal}td small.sub,dd small.sub{display:block;color:var(--dim);font-size:12px;font-weight:normal}
.bar{height:6px;background:var(--soft);border-radius:3px;overflow:hidden}
.bar i{display:block;height:100%;background:var(--accent);border-radius:3px}
.peek{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;padding:2px 6px 14px 3.4em}
.peek h4{margin:6px 0 4px;font-size:12px;color:var(--dim);font-weight:500;text-transform:uppercase;letter-spacing:.04em}
.peek ul{list-style:none;margin:0;padding:0}
.peek li{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:4px 0;border-bottom:1px dashed var(--line)}
.peek li:last-child{border-bottom:0}
.watch .status{display:flex;align-items:center;gap:8px;font-size:16px;margin:0 0 4px}
.watch p{margin:4px 0}
.dot{width:10px;height:10px;border-radius:50%;background:var(--ok);flex:none}
.card[data-alert]{border-color:var(--warn-line);background:var(--warn-bg)}
.watch.growing .dot{background:var(--warn)}
pre.cmd{background:var(--soft);padding:10px 12px;border-radius:6px;margin:8px 0 0;white-space:pre-wrap;
overflow-wrap:anywhere}
.links{margin:10px 0 0}
ul.profiles{list-style:none;margin:0;padding:0;display:grid;gap:10px;
grid-template-columns:repeat(auto-fill,minmax(min(100%,270px),1fr))}
ul.profiles a{display:block;height:100%;padding:10px 12px;border:1px solid var(--line);border-radius:8px;
text-decoration:none;color:var(--fg)}
ul.profiles a:hover{border-color:var(--accent)}
ul.profiles code{color:var(--accent);overflow-wrap:anywhere}
ul.profiles small{display:block;color:var(--dim);font-size:12.5px;margin-top:2px}
footer{color:var(--dim);font-size:12px}
@media (max-width:640px){
.wrap{padding:0 12px}.card{padding:14px 14px}
th,td{padding:6px 5px;font-size:13px}th{font-size:11px;letter-spacing:.02em;white-space:normal}
.plot{height:200px;margin-left:58px}
.sites-head,.sites summary{grid-template-columns:2.4em minmax(0,1fr) auto;gap:8px}
.sites-head>:nth-child(n+4),.sites summary>:nth-child(n+4){display:none}
.peek{grid-template-columns:1fr;padding-left:6px}
.stat .value{font-size:20px}}
`;
