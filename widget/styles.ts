// The widget's CSS, inside its shadow root: the page's styles do not reach in, ours do not
// leak out. Theming goes through custom properties, which do cross the shadow boundary:
//
//   --ts-accent      links, selected chips, focus ring      (#1d4ed8)
//   --ts-accent-fg   text on the accent colour               (#fff)
//   --ts-font        font family                             (system-ui stack)
//   --ts-radius      corner radius of the box, chips, list   (8px)
//   --ts-bg          background of the box and the list      (#fff)
//   --ts-fg          text colour                             (#1f2328)
//   --ts-muted       secondary text: dates, counts, hints    (#57606a)
//   --ts-border      borders                                 (#d0d7de)
//   --ts-mark-bg     background of matched words             (#fff1a8)
//   --ts-mark-fg     colour of matched words                 (inherit)
//   --ts-error       error text and border                   (#b42318)

export const CSS = `
:host{display:block;font-family:var(--ts-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif);color:var(--ts-fg,#1f2328);font-size:1rem;line-height:1.45;min-width:0}
:host([hidden]){display:none}
*{box-sizing:border-box}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.box{position:relative}
input{width:100%;font:inherit;color:inherit;background:var(--ts-bg,#fff);border:1px solid var(--ts-border,#d0d7de);border-radius:var(--ts-radius,8px);padding:.6em 2.4em .6em .8em;min-height:44px;-webkit-appearance:none;appearance:none}
input::-webkit-search-cancel-button{display:none}
input::placeholder{color:var(--ts-muted,#57606a);opacity:1}
:focus-visible,input:focus{outline:3px solid var(--ts-accent,#1d4ed8);outline-offset:2px}
button,select{font:inherit;color:inherit;cursor:pointer}
.clear{position:absolute;top:0;right:0;width:44px;height:100%;border:0;background:none;border-radius:var(--ts-radius,8px);font-size:1.3em;line-height:1;color:var(--ts-muted,#57606a)}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:calc(100% + 4px);margin:0;padding:4px;list-style:none;background:var(--ts-bg,#fff);border:1px solid var(--ts-border,#d0d7de);border-radius:var(--ts-radius,8px);box-shadow:0 8px 24px rgba(0,0,0,.12);max-height:60vh;overflow:auto}
[role=option]{padding:.45em .6em;border-radius:calc(var(--ts-radius,8px) - 2px);cursor:pointer;overflow-wrap:anywhere}
[role=option][aria-selected=true]{background:var(--ts-accent,#1d4ed8);color:var(--ts-accent-fg,#fff)}
[role=option][aria-selected=true] mark{background:transparent;color:inherit;text-decoration:underline}
[role=option] .n{color:inherit;opacity:.7;font-size:.85em;margin-inline-start:.5em}
[role=option].t::before{content:"\\2192\\00a0";opacity:.6}
mark{background:var(--ts-mark-bg,#fff1a8);color:var(--ts-mark-fg,inherit);border-radius:2px;padding:0 1px}
.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.75em 0 .25em}
.chips{display:flex;flex-wrap:wrap;gap:.4em}
.chip{border:1px solid var(--ts-border,#d0d7de);background:var(--ts-bg,#fff);border-radius:999px;padding:.3em .8em;min-height:36px;font-size:.92em}
.chip[aria-pressed=true]{background:var(--ts-accent,#1d4ed8);border-color:var(--ts-accent,#1d4ed8);color:var(--ts-accent-fg,#fff)}
.n{color:var(--ts-muted,#57606a);font-size:.88em;margin-inline-start:.35em;font-variant-numeric:tabular-nums}
.chip[aria-pressed=true] .n{color:inherit;opacity:.85}
.year{display:flex;align-items:center;gap:.4em;font-size:.92em;color:var(--ts-muted,#57606a)}
select{border:1px solid var(--ts-border,#d0d7de);border-radius:var(--ts-radius,8px);background:var(--ts-bg,#fff);padding:.3em .5em;min-height:36px;color:var(--ts-fg,#1f2328);max-width:100%}
.status{margin:.5em 0;color:var(--ts-muted,#57606a);font-size:.9em;min-height:1.3em}
.err{border:1px solid var(--ts-error,#b42318);color:var(--ts-error,#b42318);border-radius:var(--ts-radius,8px);padding:.6em .8em;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.5em;align-items:center;justify-content:space-between}
.err button,.empty button,.more{border:1px solid currentColor;background:var(--ts-bg,#fff);border-radius:var(--ts-radius,8px);padding:.35em .9em;min-height:36px}
.empty p{margin:.3em 0}
.hint{color:var(--ts-muted,#57606a);font-size:.92em}
ol{list-style:none;margin:0;padding:0;transition:opacity .15s}
ol[aria-busy=true]{opacity:.55}
.hit{padding:.75em 0;border-top:1px solid var(--ts-border,#d0d7de);overflow-wrap:anywhere}
.hit:first-child{border-top:0}
.title{font-weight:600;font-size:1.05em;color:var(--ts-fg,#1f2328);text-decoration:none;display:block}
a.title{color:var(--ts-accent,#1d4ed8)}
a.title:hover{text-decoration:underline}
.meta{color:var(--ts-muted,#57606a);font-size:.85em;margin:.15em 0}
.snip{margin:.25em 0 0;font-size:.95em}
.link,.empty .link{border:0;background:none;padding:0;min-height:0;color:var(--ts-accent,#1d4ed8);text-decoration:underline;font:inherit}
.dym{margin:.3em 0}
.more{display:block;margin:.75em auto 0;color:var(--ts-accent,#1d4ed8)}
@media (max-width:480px){.filters{gap:.5em}.chip{padding:.3em .65em}.year{width:100%}.year select{flex:1}}
@media (prefers-reduced-motion:reduce){ol{transition:none}}
`;
