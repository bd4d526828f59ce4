/* telelens.js — highlights, statements and the sources panel in a story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Runs in the isolated script world "telelens": the page's own scripts can
 * neither call these functions nor post to our message handler. Host-free:
 * the host passes a CSS selector for the story body; same-origin iframes
 * (Evolution renders each message part in one) are walked too.
 *
 * Everything from the story or the index enters the page as text only
 * (textContent, setAttribute); nothing is parsed as HTML. Wrapping only
 * splits text nodes, so no text is lost or reordered, links keep working,
 * and selection and copy still give the original words.
 */
(function () {
  'use strict';
  if (window.telelens && window.telelens.version === 1)
    return;

  const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'TR',
    'TABLE', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE',
    'FIGCAPTION', 'BR', 'HR', 'DD', 'DT', 'DL', 'TD', 'TH', 'ASIDE', 'NAV', 'MAIN', 'ADDRESS']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'TEXTAREA', 'SELECT']);
  let state = { root: null, nodes: [], text: '', marks: [], panel: null, payload: null };

  function post(msg) {
    try {
      window.webkit.messageHandlers.telelens.postMessage(JSON.stringify(msg));
    } catch (e) { /* no host: nothing to tell */ }
  }

  function bodyRoots(selector) {
    const roots = [];
    const main = document.querySelector(selector) || document.body;
    if (main) roots.push(main);
    for (const f of document.querySelectorAll('iframe')) {
      try {
        if (f.contentDocument && f.contentDocument.body) roots.push(f.contentDocument.body);
      } catch (e) { /* cross-origin: not ours to read */ }
    }
    return roots;
  }

  /* The text of the story body exactly as its text nodes hold it, with a
   * line break at block boundaries; offsets are UTF-16 units. */
  function collect(selector) {
    clear();
    let text = '';
    const nodes = [];
    const newline = () => { if (text.length && !text.endsWith('\n')) text += '\n'; };
    const walk = (el) => {
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          if (n.data.length) {
            nodes.push({ node: n, start: text.length });
            text += n.data;
          }
        } else if (n.nodeType === 1) {
          if (SKIP.has(n.tagName) || (n.classList && n.classList.contains('tl-panel')))
            continue;
          const block = BLOCK.has(n.tagName);
          if (block) newline();
          walk(n);
          if (block) newline();
        }
      }
    };
    const roots = bodyRoots(selector);
    for (const r of roots) { walk(r); newline(); }
    state = { root: roots[0] || null, nodes, text, marks: [], panel: null, payload: null };
    return text;
  }

  /* Splits text nodes at every boundary and wraps each piece that carries an
   * entity or a statement. Pieces are wrapped from the end backwards so that
   * earlier offsets stay valid. */
  function decorate(ranges) {
    const cuts = new Set();
    for (const r of ranges) { cuts.add(r.s); cuts.add(r.e); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      const active = ranges.filter(r => r.s <= s && e <= r.e);
      if (active.length) pieces.push({ s, e, active });
    }
    for (let p = pieces.length - 1; p >= 0; p--) {
      const piece = pieces[p];
      for (let k = state.nodes.length - 1; k >= 0; k--) {
        const info = state.nodes[k];
        const ns = info.start, ne = info.start + info.node.data.length;
        if (ne <= piece.s || ns >= piece.e) continue;
        let node = info.node;
        const a = Math.max(piece.s, ns) - ns, b = Math.min(piece.e, ne) - ns;
        if (b < node.data.length) node.splitText(b);
        if (a > 0) node = node.splitText(a);
        wrap(node, piece.active);
      }
    }
  }

  function wrap(textNode, active) {
    const doc = textNode.ownerDocument;
    let outer = textNode;
    const stmt = active.filter(r => r.kind === 'statement').sort((x, y) => y.s - x.s)[0];
    const ent = active.find(r => r.kind === 'entity');
    if (ent) {
      const m = doc.createElement('mark');
      m.className = 'tl-mark tl-t-' + ent.type;
      m.setAttribute('data-tl-entity', String(ent.entity));
      m.setAttribute('tabindex', '0');
      m.setAttribute('role', 'button');
      m.setAttribute('title', ent.label);
      textNode.parentNode.replaceChild(m, textNode);
      m.appendChild(textNode);
      outer = m;
      state.marks.push(m);
    }
    if (stmt) {
      const s = doc.createElement('span');
      s.className = 'tl-statement tl-s' + (stmt.color % 8) + (stmt.unnamed ? ' tl-unnamed' : '');
      s.setAttribute('data-tl-statement', String(stmt.index));
      s.setAttribute('title', stmt.label);
      outer.parentNode.replaceChild(s, outer);
      s.appendChild(outer);
      state.marks.push(s);
    }
  }

  /* "1 source", "2 sources". */
  function count(n, one, many) {
    return n + ' ' + (n === 1 ? one : (many || one + 's'));
  }

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function safeHref(url) {
    try {
      const u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) { return null; }
  }

  function buildPanel(p) {
    const root = state.root;
    if (!root || !p.show_panel) return;
    const doc = root.ownerDocument;
    const panel = el(doc, 'section', 'tl-panel tl-scheme-' + p.scheme);
    panel.setAttribute('aria-label', 'Telelens');
    const details = el(doc, 'details');
    details.open = p.panel_open;
    const summary = el(doc, 'summary');
    summary.appendChild(el(doc, 'span', 'tl-brand', 'Telelens'));
    const verdict = p.verdict || (p.topic ? 'yes' : 'no');
    const topic = el(doc, 'span', 'tl-topic tl-' + verdict,
      verdict === 'yes' ? 'Telecom security' : verdict === 'possibly' ? 'Possibly telecom security' : 'Not telecom security');
    const why = 'score ' + Number(p.score).toFixed(2) + (p.reasons && p.reasons.length ? ': ' + p.reasons.join(', ') : '');
    topic.setAttribute('title', why);
    summary.appendChild(topic);
    if (verdict === 'possibly')
      summary.appendChild(el(doc, 'span', 'tl-muted tl-topic-why', ' (' + why + ')'));
    summary.appendChild(el(doc, 'span', 'tl-muted', ' · ' + count(p.sources.length, 'source') + ' · ' + count(p.n_statements, 'statement')));
    if (p.unnamed > 0)
      summary.appendChild(el(doc, 'span', 'tl-flag', ' · ' + p.unnamed + ' from unnamed ' + (p.unnamed === 1 ? 'source' : 'sources')));
    const gear = el(doc, 'button', 'tl-gear', '\u2699');
    gear.setAttribute('title', 'Telelens preferences');
    gear.setAttribute('aria-label', 'Telelens preferences');
    gear.addEventListener('click', (ev) => { ev.preventDefault(); ev.stopPropagation(); post({ type: 'prefs' }); }, true);
    summary.appendChild(gear);
    details.appendChild(summary);
    details.addEventListener('toggle', () => post({ type: 'panel', open: details.open }));

    const body = el(doc, 'div', 'tl-body');
    if (p.upstream)
      body.appendChild(el(doc, 'p', 'tl-upstream', 'Leans on ' + p.upstream.name + ' (' + count(p.upstream.references, 'reference') + ')'));
    if (p.sources.length) {
      const ul = el(doc, 'ul', 'tl-sources');
      for (const s of p.sources) {
        const li = el(doc, 'li');
        li.appendChild(el(doc, 'span', 'tl-chip tl-c' + (s.color % 8)));
        li.appendChild(el(doc, 'span', 'tl-name', s.name));
        li.appendChild(el(doc, 'span', s.unnamed ? 'tl-kind tl-flag' : 'tl-kind',
          (s.unnamed ? 'unnamed ' : '') + s.kind));
        li.appendChild(el(doc, 'span', 'tl-muted', ' ' + count(s.count, 'statement')));
        ul.appendChild(li);
      }
      body.appendChild(ul);
    } else {
      body.appendChild(el(doc, 'p', 'tl-muted', 'No attributed statements.'));
    }
    const rel = el(doc, 'div', 'tl-related');
    rel.appendChild(el(doc, 'h4', null, 'Related coverage'));
    rel.appendChild(el(doc, 'p', 'tl-muted tl-related-state', 'Looking in your index\u2026'));
    body.appendChild(rel);
    details.appendChild(body);
    panel.appendChild(details);
    root.parentNode.insertBefore(panel, root);
    state.panel = panel;
  }

  /* Returns how many pieces it highlighted and how long that took here
   * (the rest of the time to highlights is WebKit's and the host's). */
  function apply(p) {
    const t0 = performance.now();
    state.payload = p;
    const ranges = [];
    for (const m of p.mentions)
      ranges.push({ kind: 'entity', s: m.s, e: m.e, entity: m.entity, type: m.type, label: m.label });
    for (const st of p.statements)
      ranges.push({ kind: 'statement', s: st.s, e: st.e, index: st.index, color: st.color,
                    unnamed: st.unnamed, label: st.label });
    decorate(ranges.filter(r => r.e > r.s && r.e <= state.text.length));
    if (state.root) state.root.classList.add('tl-scheme-' + p.scheme);
    buildPanel(p);
    return { marks: state.marks.length, ms: performance.now() - t0 };
  }

  /* "Same: Huawei, ZTE · words: ban, networks · 1 day apart" from an
   * untrusted `why` (only strings and a number are used). */
  function whyText(why) {
    if (!why || typeof why !== 'object') return '';
    const strings = (a) => Array.isArray(a) ? a.filter((x) => typeof x === 'string').slice(0, 6) : [];
    const parts = [];
    const ents = strings(why.entities), terms = strings(why.terms);
    if (ents.length) parts.push('both mention ' + ents.join(', '));
    if (terms.length) parts.push('shared words: ' + terms.join(', '));
    if (typeof why.days_apart === 'number' && isFinite(why.days_apart))
      parts.push(why.days_apart === 0 ? 'same day' : why.days_apart + (why.days_apart === 1 ? ' day' : ' days') + ' apart');
    return parts.length ? 'Why: ' + parts.join(' \u00b7 ') : '';
  }

  function setRelated(r) {
    if (!state.panel) return;
    for (const old of state.panel.querySelectorAll('.tl-related-list, .tl-related .tl-muted:not(.tl-related-state)')) old.remove();
    if (!state.panel.querySelector('.tl-related-state')) {
      const p = el(state.panel.ownerDocument, 'p', 'tl-muted tl-related-state', '');
      state.panel.querySelector('.tl-related').appendChild(p);
    }
    const doc = state.panel.ownerDocument;
    const box = state.panel.querySelector('.tl-related');
    const stateEl = box.querySelector('.tl-related-state');
    if (r.error) { stateEl.textContent = r.error; return; }
    if (r.building) {
      const note = el(doc, 'p', 'tl-muted', 'Your index is still being built (' + r.building.done + ' of ' +
                      count(r.building.total, 'story', 'stories') + '); related coverage will improve.');
      box.appendChild(note);
    }
    if (!r.results.length) {
      stateEl.textContent = r.building ? 'Nothing found yet.' : 'No other coverage of this event in your index.';
      return;
    }
    stateEl.remove();
    const ul = el(doc, 'ul', 'tl-related-list');
    for (const it of r.results) {
      const li = el(doc, 'li');
      const href = safeHref(it.url);
      const title = el(doc, href ? 'a' : 'span', 'tl-related-title', it.title || it.url || '');
      if (href) title.setAttribute('href', href);  /* Liferea opens it as it opens links */
      li.appendChild(title);
      let meta = ' \u2014 ' + (it.outlet || 'unknown outlet');
      if (it.published) meta += ', ' + it.published.slice(0, 10);
      if (it.also_in && it.also_in.length) meta += ' (also in ' + it.also_in.join(', ') + ')';
      li.appendChild(el(doc, 'span', 'tl-muted', meta));
      /* Why it matched: shown on hover and when the link has keyboard focus. */
      const why = whyText(it.why);
      if (why) {
        const w = el(doc, 'span', 'tl-muted tl-related-why', why);
        w.id = 'tl-why-' + ul.childElementCount;
        title.setAttribute('aria-describedby', w.id);
        title.setAttribute('title', why);
        if (!href) title.setAttribute('tabindex', '0');
        li.appendChild(w);
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }

  /* Undoes everything: marks are unwrapped and text nodes merged back. */
  function clear() {
    const touched = new Set();
    for (const r of bodyRoots('body')) {
      const doc = r.ownerDocument;
      for (const p of doc.querySelectorAll('section.tl-panel')) p.remove();
      for (const m of doc.querySelectorAll('mark.tl-mark, span.tl-statement')) {
        const parent = m.parentNode;
        while (m.firstChild) parent.insertBefore(m.firstChild, m);
        parent.removeChild(m);
        touched.add(parent);
      }
      for (const e of [r, ...doc.querySelectorAll('[class*="tl-scheme-"]')])
        for (const c of e.classList ? Array.from(e.classList) : [])
          if (c.startsWith('tl-scheme-')) e.classList.remove(c);
    }
    for (const p of touched) p.normalize();
    state = { root: null, nodes: [], text: '', marks: [], panel: null, payload: null };
  }

  function entityRect(m) {
    const r = m.getBoundingClientRect();
    let x = r.left, y = r.top;
    const win = m.ownerDocument.defaultView;
    if (win && win.frameElement) {       /* inside an iframe: add its offset */
      const fr = win.frameElement.getBoundingClientRect();
      x += fr.left; y += fr.top;
    }
    return { x: Math.round(x), y: Math.round(y), w: Math.round(r.width), h: Math.round(r.height) };
  }

  function onActivate(ev) {
    const m = ev.target && ev.target.closest ? ev.target.closest('mark.tl-mark') : null;
    if (!m) return;
    if (ev.type === 'keydown' && ev.key !== 'Enter' && ev.key !== ' ') return;
    ev.preventDefault();
    ev.stopPropagation();   /* also inside links: the card, not the link */
    post({ type: 'entity', entity: Number(m.getAttribute('data-tl-entity')), rect: entityRect(m) });
  }

  function listen(doc) {
    if (doc.__telelensListening) return;
    doc.__telelensListening = true;
    doc.addEventListener('click', onActivate, true);
    doc.addEventListener('keydown', onActivate, true);
  }

  window.telelens = {
    version: 1,
    collect: (selector) => { const t = collect(selector); for (const r of bodyRoots(selector)) listen(r.ownerDocument); return t; },
    apply, setRelated, clear,
    count: () => document.querySelectorAll('mark.tl-mark').length,
  };
})();
