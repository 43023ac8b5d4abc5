/* 站内搜索结果页 (/search/)。Pagefind index of Han bigrams, see
 * plugins/congress_site/search/tokens.py: the query is cut here exactly as the
 * content was cut there (tests compare both). Everything loads from this site. */

const HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}";
const HAN_RE = new RegExp(`[${HAN}]`, "u");
const CHUNKS = new RegExp(`[${HAN}]+|[^${HAN}]+`, "gu");
const WIDE = `${HAN}\u3000-\u303f\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026`;
const HAN_BREAK = new RegExp(`(?<=[${WIDE}])[ \\t]*\\n\\s*(?=[${WIDE}])`, "gu");
const WORDISH = /[\p{L}\p{N}]/u;
const WORD_OR_NOT = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
// URL parameter → Pagefind filter (data-pagefind-filter in the page templates).
const FILTERS = [["site", "站点"], ["type", "类型"], ["column", "栏目"], ["region", "地区"], ["year", "年份"]];
// A site of a 站群 searches every site: the others' bundles are merged in
// with Pagefind's mergeIndex, each result tagged with its site (mergeFilter).
const SITE = "站点";
const PAGE_SIZE = 10;

export function normalize(text) {
  return text.replace(HAN_BREAK, "").replace(/\s+/gu, " ").trim();
}

const isHan = (ch) => HAN_RE.test(ch);

/** Offsets of the bigrams that pin down a phrase of n characters (every
 * other one and the last): half the terms, so half the index chunks. */
export function cover(n) {
  const offsets = [];
  for (let i = 0; i < n - 1; i += 2) offsets.push(i);
  if ((n - 2) % 2) offsets.push(n - 2);
  return offsets;
}

/** The reader's query cut like the content: Pagefind terms, whole phrases. */
export function queryTerms(query) {
  const terms = [], phrases = [], offsets = [], phraseTerms = [], words = [];
  for (const chunk of normalize(query).match(CHUNKS) || []) {
    const chars = Array.from(chunk);
    if (isHan(chars[0])) {
      if (chars.length === 1) { terms.push(chunk); words.push(chunk); continue; }
      const o = cover(chars.length);
      const own = o.map((i) => chars[i] + chars[i + 1]);
      terms.push(...own);
      phrases.push(chunk);
      offsets.push(o);
      phraseTerms.push(own);
    } else {
      for (const w of chunk.match(WORD_OR_NOT) || []) if (WORDISH.test(w)) { terms.push(w.toLowerCase()); words.push(w); }
    }
  }
  return { terms, phrases, offsets, phraseTerms, words, text: terms.join(" ") };
}

const SPACE = "\u2060";

/** Stored token stream back to readable text: the first character of each Han
 * token, a space for each SPACE token, other tokens as they are. */
export function decode(encoded) {
  return (encoded || "").split(/\s+/u).map((t) => {
    if (t === SPACE) return " ";
    const first = Array.from(t)[0];
    return first && isHan(first) ? first : t;
  }).join("");
}

/** Keep the results where each phrase's terms sit at their offsets from one
 * start: checked on match positions, before any fragment loads. Pagefind
 * reports the positions of all terms together, so each term is also looked
 * up alone (its index chunk is already loaded: no extra download). */
async function withPhrases(pagefind, results, q) {
  const needed = q.phrases.map((_, i) => i).filter((i) => q.offsets[i].length > 1);
  if (!needed.length) return results;
  const at = new Map();
  for (const i of needed) {
    for (const term of q.phraseTerms[i]) {
      if (at.has(term)) continue;
      const res = await pagefind.search(term);
      at.set(term, new Map(res.results.map((r) => [r.id, new Set(r.words)])));
    }
  }
  return results.filter((r) => needed.every((i) => {
    const o = q.offsets[i], terms = q.phraseTerms[i];
    const first = at.get(terms[0]).get(r.id);
    return first && [...first].some((p) => o.every((k, j) => at.get(terms[j]).get(r.id)?.has(p + k)));
  }));
}

let pagefindPromise = null;
const TIMEOUT = 30000;

function timeout(promise) {
  return Promise.race([promise, new Promise((_, no) => setTimeout(() => no(new Error("index-timeout")), TIMEOUT))]);
}

/** Load Pagefind from this site: {pagefind, shards, merged}. The index
 * language is "und": Pagefind takes the language from <html lang> when it
 * starts, and for "zh" it would cut our bigrams again with the browser's word
 * segmenter. A big archive comes in shards (older years), merged on demand. */
export function loadPagefind(base, federation = null, siteBase = "../") {
  if (pagefindPromise) return pagefindPromise;
  pagefindPromise = (async () => {
    const basePath = new URL(base, location.href).pathname;
    const manifest = await fetch(`${basePath}congress-search.json`).then((r) => {
      if (!r.ok) throw new Error("index-missing");
      return r.json();
    });
    const pagefind = await import(`${basePath}pagefind.js`);
    const html = document.documentElement;
    const lang = html.getAttribute("lang");
    html.setAttribute("lang", manifest.language || "und");
    // Result URLs stay site-relative ("/stories/x/"): siteHref places them
    // under the site they came from, wherever that is served.
    const own = { basePath, baseUrl: "/", ranking: { metaWeights: { title: 5, key: 20 } } };
    if (federation) own.mergeFilter = { [SITE]: federation.label };
    try {
      await pagefind.options(own);
      pagefind.init();
    } finally {
      if (lang === null) html.removeAttribute("lang"); else html.setAttribute("lang", lang);
    }
    const ctx = { pagefind, basePath, language: manifest.language || "und", shards: manifest.shards || [], merged: 0,
                  label: federation ? federation.label : null, bases: new Map() };
    if (federation) await timeout(Promise.all(federation.sites.map((s) => mergeSite(ctx, s, siteBase))));
    return ctx;
  })();
  return pagefindPromise;
}

/** Add the shards not searched yet. Pagefind waits for its primary index
 * forever if that failed to load: give up after a while instead. */
async function mergeAll(ctx) {
  const rest = ctx.shards.slice(ctx.merged);
  ctx.merged = ctx.shards.length;
  const opts = { language: ctx.language, baseUrl: "/" };
  if (ctx.label) opts.mergeFilter = { [SITE]: ctx.label };
  await timeout(Promise.all(rest.map((s) => ctx.pagefind.mergeIndex(`${ctx.basePath}${s}`, opts))));
}

/** Another site of the 站群, all its shards, from its address (relative to
 * this site when both share a host). A site not built yet is left out. */
async function mergeSite(ctx, site, siteBase) {
  const base = new URL(site.base, new URL(siteBase, location.href));
  try {
    const bundle = new URL("pagefind/", base);
    const manifest = await fetch(new URL("congress-search.json", bundle)).then((r) => {
      if (!r.ok) throw new Error("index-missing");
      return r.json();
    });
    // Its results come back as absolute URLs under its address: that is how
    // a result tells its site (mergeFilter filters, but is not in the data).
    const opts = { language: manifest.language || "und", baseUrl: base.href, mergeFilter: { [SITE]: site.label } };
    await ctx.pagefind.mergeIndex(bundle.href, opts);
    await Promise.all((manifest.shards || []).map((s) => ctx.pagefind.mergeIndex(new URL(s, bundle).href, opts)));
    ctx.bases.set(site.label, base.href);
  } catch (err) {
    console.warn(`站点“${site.label}”的搜索索引无法载入`, err);
  }
}

/** All results of a query as {id, score, words, data}, after the phrase check.
 * complete=false searches only what is loaded (the newest part of a sharded
 * archive): `partial` then says that older shards remain. */
export async function searchAll(ctx, query, { filters = {}, sort = null, complete = true } = {}) {
  if (complete) await mergeAll(ctx);
  const partial = ctx.merged < ctx.shards.length;
  const q = queryTerms(query);
  const opts = { filters };
  if (sort) opts.sort = sort;
  if (!q.terms.length) {
    if (!Object.keys(filters).length) return { query: q, results: [], filters: null, partial };
    const res = await timeout(ctx.pagefind.search(null, opts));
    return { query: q, results: res.results, filters: res.filters, partial };
  }
  const res = await timeout(ctx.pagefind.search(q.text, opts));
  const results = await timeout(withPhrases(ctx.pagefind, res.results, q));
  return { query: q, results, filters: res.filters, partial };
}

// ------------------------------------------------------------------ UI

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** Text with every needle wrapped in <mark>, built as DOM (never innerHTML). */
function highlighted(text, needles) {
  const frag = document.createDocumentFragment();
  const lower = text.toLowerCase();
  const ranges = [];
  for (const n of needles) {
    const ln = n.toLowerCase();
    if (!ln) continue;
    for (let i = lower.indexOf(ln); i >= 0; i = lower.indexOf(ln, i + ln.length)) ranges.push([i, i + ln.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let pos = 0;
  for (const [s, e] of ranges) {
    if (s < pos) continue;
    frag.append(text.slice(pos, s), el("mark", {}, text.slice(s, e)));
    pos = e;
  }
  frag.append(text.slice(pos));
  return frag;
}

/** About 90 characters around the first match of the longest needle. */
function snippet(text, needles) {
  const lower = text.toLowerCase();
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  let hit = -1;
  for (const n of sorted) { hit = lower.indexOf(n.toLowerCase()); if (hit >= 0) break; }
  if (hit < 0) hit = 0;
  const start = Math.max(0, hit - 30);
  const end = Math.min(text.length, start + 90);
  return (start > 0 ? "……" : "") + text.slice(start, end) + (end < text.length ? "……" : "");
}

/** The 站群 site a result belongs to: another site's results carry its
 * absolute address (mergeSite), this site's are site-relative. */
function siteOf(bases, url, own) {
  let best = own, length = 0;
  for (const [label, base] of bases) if (url.startsWith(base) && base.length > length) { best = label; length = base.length; }
  return best;
}

function siteHref(base, url) {
  const target = new URL(url.replace(/^\//, ""), new URL(base, location.href));
  return target.origin === location.origin ? target.pathname : target.href;
}

export function mount(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const sortSel = form.querySelector("select[name=sort]");
  const status = root.querySelector("[data-cx-status]");
  const list = root.querySelector("[data-cx-results]");
  const more = root.querySelector("[data-cx-more]");
  const empty = root.querySelector("[data-cx-empty]");
  const older = root.querySelector("[data-cx-older]");
  const siteBase = root.dataset.base || "../";
  const federation = root.dataset.sites ? JSON.parse(root.dataset.sites) : null;
  const load = () => loadPagefind(root.dataset.pagefind || "../pagefind/", federation, siteBase);
  let current = null;
  let token = 0;

  const params = () => {
    const p = new URLSearchParams(location.search);
    const filters = {};
    for (const [param, key] of FILTERS) if (p.get(param)) filters[key] = p.get(param);
    return { q: p.get("q") || "", sort: p.get("sort") || "", all: p.get("all") === "1", filters };
  };

  function setState(state, text) {
    root.dataset.state = state;
    status.textContent = text;
  }

  async function fillFilters(ctx) {
    const all = await ctx.pagefind.filters();
    const p = params();
    for (const [param, name] of FILTERS) {
      const sel = form.querySelector(`select[name="${param}"]`);
      if (!sel) continue;
      const values = Object.entries(all[name] || {}).sort((a, b) => (name === "年份" ? b[0].localeCompare(a[0]) : b[1] - a[1]));
      sel.replaceChildren(el("option", { value: "" }, "全部"), ...values.map(([v, n]) => el("option", { value: v }, `${v}（${n}）`)));
      sel.value = p.filters[name] || "";
      sel.closest("[data-cx-filter]")?.toggleAttribute("hidden", values.length === 0);
    }
  }

  async function renderMore() {
    const my = token;
    const bases = (await load()).bases;
    const batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += batch.length;
    const datas = await Promise.all(batch.map((r) => r.data()));
    if (my !== token) return;
    const needles = [...current.query.phrases, ...current.query.words];
    for (const data of datas) {
      const text = decode(data.content);
      const title = decode(data.meta.title) || data.url;
      const kind = (data.filters && data.filters["类型"] && data.filters["类型"][0]) || "";
      const meta = el("p", { class: "cx-search-hit__meta" });
      if (kind) meta.append(el("span", { class: "cx-search-hit__kind" }, kind));
      if (data.meta.date) meta.append(el("time", { datetime: data.meta.date }, data.meta.date));
      const col = data.filters && data.filters["栏目"] && data.filters["栏目"][0];
      if (col) meta.append(el("span", {}, col));
      const site = federation ? siteOf(bases, data.url, federation.label) : null;
      if (site) meta.append(el("span", { class: "cx-search-hit__site" }, site));
      list.append(el("li", { class: "cx-search-hit" },
        el("h2", { class: "cx-search-hit__title" }, el("a", { href: siteHref(siteBase, data.url) }, highlighted(title, needles))),
        meta,
        el("p", { class: "cx-search-hit__excerpt" }, highlighted(snippet(text, needles), needles)),
      ));
    }
    more.hidden = current.shown >= current.results.length;
  }

  async function run() {
    const my = ++token;
    const p = params();
    input.value = p.q;
    if (sortSel) sortSel.value = p.sort;
    list.replaceChildren();
    more.hidden = true;
    if (older) older.hidden = true;
    empty.hidden = true;
    if (!p.q.trim() && !Object.keys(p.filters).length) {
      setState("idle", "请输入要查找的词语，例如代表姓名、法规名称或“联络站”。");
      return;
    }
    setState("searching", "正在搜索……");
    const started = performance.now();
    let pagefind;
    try {
      pagefind = await load();
    } catch (err) {
      setState("error", "搜索索引暂时无法使用（可能正在生成），请稍后刷新本页再试。");
      return;
    }
    const sort = p.sort === "new" ? { date: "desc" } : p.sort === "old" ? { date: "asc" } : null;
    // Newest part first (all people, laws, stations and recent stories); the
    // older shards on request, or at once when the first part finds nothing
    // or a filter or oldest-first order needs them.
    const complete = p.all || Object.keys(p.filters).length > 0 || p.sort === "old";
    let found;
    try {
      found = await searchAll(pagefind, p.q, { filters: p.filters, sort, complete });
      if (found.partial && !found.results.length) found = await searchAll(pagefind, p.q, { filters: p.filters, sort });
    } catch (err) {
      setState("error", "搜索索引暂时无法使用（可能正在生成），请稍后刷新本页再试。");
      return;
    }
    if (my !== token) return;
    if (older) older.hidden = !found.partial;
    current = { ...found, shown: 0 };
    const label = p.q.trim() ? `“${p.q.trim()}”` : "所选条件";
    if (!found.results.length) {
      const hasFilters = Object.keys(p.filters).length > 0;
      empty.querySelector("[data-cx-empty-query]").textContent = label;
      empty.querySelector("[data-cx-clear]").hidden = !hasFilters;
      empty.hidden = false;
      setState("empty", `没有找到与${label}相关的内容。`);
    } else {
      setState("results", found.partial
        ? `在全部代表、法规、联络站和最近的稿件中找到 ${found.results.length} 条与${label}相关的结果；更早的稿件还未查找。`
        : `找到 ${found.results.length} 条与${label}相关的结果。`);
      await renderMore();
    }
    const elapsed = performance.now() - started;
    // Filter choices after the results: they cost a request per filter and shard.
    await fillFilters(pagefind).catch(() => {});
    if (my === token) {
      const t = window.__cxSearchTimings || { runs: 0 };
      window.__cxSearchTimings = { runs: t.runs + 1, last: elapsed };
      root.dataset.state = found.results.length ? "done" : "empty";
    }
  }

  function submit(push = true) {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    for (const [param] of FILTERS) {
      const v = form.querySelector(`select[name="${param}"]`)?.value;
      if (v) p.set(param, v);
    }
    if (sortSel && sortSel.value) p.set("sort", sortSel.value);
    const url = `${location.pathname}${p.toString() ? `?${p}` : ""}`;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    run();
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); submit(true); });
  form.addEventListener("change", (e) => { if (e.target.matches("select")) submit(false); });
  more.addEventListener("click", () => renderMore());
  older?.addEventListener("click", () => {
    const p = new URLSearchParams(location.search);
    p.set("all", "1");
    history.pushState(null, "", `${location.pathname}?${p}`);
    run();
  });
  empty.querySelector("[data-cx-clear]").addEventListener("click", () => {
    for (const [param] of FILTERS) { const s = form.querySelector(`select[name="${param}"]`); if (s) s.value = ""; }
    submit(true);
  });
  window.addEventListener("popstate", run);
  window.cxSearch = { queryTerms, decode, normalize, searchAll: async (q, o) => searchAll(await load(), q, o) };
  run();
}

const root = typeof document !== "undefined" && document.getElementById("cx-search");
if (root) mount(root);
