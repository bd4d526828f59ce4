/* telelens.js — highlights, statements, the sources panel and the card in a story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One reader UI for every host. Runs in the isolated script world
 * "telelens": the page's own scripts (a feed's, or the host's, as in
 * Liferea 2.0 or Evolution) can neither call these functions nor post to our
 * message handler. The panel and the card live in CLOSED shadow roots, so
 * those scripts cannot read them either; only their empty host elements
 * (class "tl-host") are in the page. Highlights must stay in the story text:
 * they are <mark>/<span> elements around the story's own words, styled
 * inline with !important declarations (set through the CSSOM, which a
 * Content-Security-Policy allows) that the page's style sheets cannot hide.
 *
 * Host-free: the host passes a CSS selector for the story body, and
 * same-origin iframes (nested ones too; Evolution renders each message part
 * in one) are walked as well; or telelens.collectIn(roots) takes the
 * story's roots directly: elements or documents, in any same-origin frames
 * (see HACKING.md, "Adding a host"). Each document gets its own listeners;
 * the card opens in the top document, beside its highlight in any frame.
 *
 * Everything from the story or the index enters the page as text only
 * (textContent, setAttribute); nothing is parsed as HTML. Wrapping only
 * splits text nodes, so no text is lost or reordered, links keep working,
 * and selection and copy still give the original words.
 *
 * Messages to native code (window.webkit.messageHandlers.telelens, in this
 * world only) carry numbers and booleans: which entity, which link of the
 * open card, whether the panel is open. Native code checks each one.
 */
(function () {
  'use strict';
  if (window.telelens && window.telelens.version === 2)
    return;
  /* Set by the native side before this script: the shadow roots' style
   * sheet, and whether the test-only inspect() is there. */
  const config = (typeof TL_CONFIG === 'object' && TL_CONFIG) || {};
  const SHADOW_CSS = typeof config.shadowCss === 'string' ? config.shadowCss : '';
  /* Reading the story's text: telelens-text.js, put before this script. */
  const { frameDocs, bodyRoots, walkText } = window.telelensText;
  /* Styles, elements, shadow hosts, theme colours: telelens-dom.js, put
   * before this script. */
  const { markStyle, statementStyle, count, el, safeHref, theme, applyTheme, whyText, timelineChart } =
    window.telelensDom;
  const shadowHost = (doc, kind) => window.telelensDom.shadowHost(doc, kind, SHADOW_CSS);

  function freshState() {
    return { root: null, roots: [], nodes: [], text: '', marks: [], panel: null, panelHost: null,
             payload: null, docs: new Set(), templates: new Map(), source: null, related: null };
  }
  let state = freshState();
  /* The open card: its host and shadow root per document, the highlight that
   * opened it (focus goes back there), the titles taken off meanwhile. */
  let card = null;
  let opener = null;

  /* The wall clock in ms, finer than Date.now() where WebKit allows: the
   * reader compares it with its own clock to time the page's part. */
  function wall() {
    return performance.timeOrigin ? performance.timeOrigin + performance.now() : Date.now();
  }

  /* The analysis inside WebKit's web process (plugin/webext), when the
   * extension is loaded there: defined in this world only, before this
   * script runs, by the extension's window-object-cleared. The page's own
   * scripts (the main world) never see it. */
  const native = typeof window.telelensNative === 'function' ? window.telelensNative : null;
  /* The reader's settings for it (highlight types, scheme, topic bounds):
   * given with watch() and again by setOptions() when they change. */
  let options = null;

  function post(msg) {
    try {
      window.webkit.messageHandlers.telelens.postMessage(JSON.stringify(msg));
    } catch (e) { /* no host: nothing to tell */ }
  }

  /* source: a CSS selector (the story body, and same-origin iframes) or
   * the roots themselves; kept, to read the story again. */
  function collectFrom(source, walked) {
    let w = walked;
    /* Something of ours still in the page: take it off and read again
     * (unwrapping merges text nodes). Otherwise a fresh walk is the text. */
    if (!w || (card && card.host.isConnected) || (state.panelHost && state.panelHost.isConnected) ||
        state.marks.some((m) => m.isConnected)) {
      clear();
      w = walkText(typeof source === 'string' ? bodyRoots(source) : source);
    }
    state = freshState();
    state.root = w.roots[0] || null;
    state.roots = w.roots;
    state.nodes = w.nodes;
    state.text = w.text;
    state.source = typeof source === 'string' ? source : w.roots;
    for (const r of w.roots) { state.docs.add(r.ownerDocument); listen(r.ownerDocument); }
    if (source === watched) lastPosted = w.text;   /* asked for it: no need to post it too */
    return w.text;
  }

  /* Wraps each piece of the story that carries an entity or a statement.
   * One pass: the range boundaries are swept once (the ranges open at each
   * piece, in payload order), pieces and text nodes are both in text order,
   * and each text node that has pieces is replaced by one DocumentFragment
   * (its text cut into plain pieces and wrapped ones) in a single DOM
   * change, instead of a split and two moves per piece. Ranges beyond the
   * text were dropped by the caller. */
  function decorate(ranges, scheme) {
    const points = Array.from(new Set(ranges.flatMap((r) => [r.s, r.e]))).sort((a, b) => a - b);
    const order = ranges.map((r, i) => i).sort((a, b) => ranges[a].s - ranges[b].s || a - b);
    const pieces = [];
    let open = [], next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      open = open.filter((k) => ranges[k].e > s);
      let added = false;
      while (next < order.length && ranges[order[next]].s <= s) { open.push(order[next++]); added = true; }
      if (added) open.sort((a, b) => a - b);
      if (!open.length) continue;
      const active = open.map((k) => ranges[k]);
      /* The innermost statement (the one that starts last), the first entity. */
      let stmt = null, ent = null;
      for (const r of active) {
        if (r.kind === 'statement') { if (!stmt || r.s > stmt.s) stmt = r; }
        else if (!ent) ent = r;
      }
      pieces.push({ s, e, stmt, ent });
    }
    let first = 0;
    for (const info of state.nodes) {
      const node = info.node, ns = info.start, ne = ns + node.data.length;
      while (first < pieces.length && pieces[first].e <= ns) first++;
      if (first >= pieces.length || pieces[first].s >= ne || !node.parentNode) continue;
      const doc = node.ownerDocument, data = node.data, frag = doc.createDocumentFragment();
      let pos = 0;
      for (let p = first; p < pieces.length && pieces[p].s < ne; p++) {
        const a = Math.max(pieces[p].s, ns) - ns, b = Math.min(pieces[p].e, ne) - ns;
        if (a > pos) frag.appendChild(doc.createTextNode(data.slice(pos, a)));
        frag.appendChild(wrap(doc, doc.createTextNode(data.slice(a, b)), pieces[p], scheme));
        pos = b;
      }
      if (pos < data.length) frag.appendChild(doc.createTextNode(data.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    }
  }

  /* One element per kind, styled once and cloned for each piece: cheaper
   * than styling every piece. */
  function template(doc, key, make) {
    let t = state.templates.get(key);
    if (!t || t.ownerDocument !== doc) {
      t = make();
      state.templates.set(key, t);
    }
    return t.cloneNode(false);
  }

  /* The piece's text in its mark and statement elements (not yet in the
   * page); returns the outermost. */
  function wrap(doc, textNode, piece, scheme) {
    let outer = textNode;
    const ent = piece.ent, stmt = piece.stmt;
    if (ent) {
      const m = template(doc, 'mark/' + ent.type, () => {
        const t = doc.createElement('mark');
        t.className = 'tl-mark tl-t-' + ent.type;
        t.style.cssText = markStyle(ent.type, scheme);
        t.setAttribute('tabindex', '0');
        t.setAttribute('role', 'button');
        t.setAttribute('aria-haspopup', 'dialog');
        return t;
      });
      m.setAttribute('data-tl-entity', String(ent.entity));
      m.setAttribute('title', ent.label);
      m.appendChild(textNode);
      outer = m;
      state.marks.push(m);
    }
    if (stmt) {
      const s = template(doc, 'statement/' + (stmt.color % 8) + (stmt.unnamed ? 'u' : ''), () => {
        const t = doc.createElement('span');
        t.className = 'tl-statement tl-s' + (stmt.color % 8) + (stmt.unnamed ? ' tl-unnamed' : '');
        t.style.cssText = statementStyle(stmt.color);
        return t;
      });
      s.setAttribute('data-tl-statement', String(stmt.index));
      s.setAttribute('title', stmt.label);
      s.appendChild(outer);
      outer = s;
      state.marks.push(s);
    }
    return outer;
  }

  /* The panel is built after the frame that paints the highlights (it is
   * not needed for them): its colours are read then from a style WebKit has
   * just computed for that frame (and kept per story body, in the panel's
   * --tl-fg/--tl-bg), instead of forcing a style pass before the page
   * changes. */
  function buildPanel(p) {
    const root = state.root;
    if (!root || !p.show_panel || state.panel || !root.isConnected) return;
    const doc = root.ownerDocument;
    const { host, root: shadow } = shadowHost(doc, 'panel');
    const panel = el(doc, 'section', 'tl-panel tl-scheme-' + p.scheme);
    applyTheme(panel, theme(root, true));
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
    shadow.appendChild(panel);
    root.parentNode.insertBefore(host, root);
    state.panel = panel;
    state.panelHost = host;
    ours();
    if (state.related) setRelated(state.related);
  }

  /* After the next frame: painted(at) once that frame's style, layout and
   * paint are done (a task queued from requestAnimationFrame), with the
   * time; panel() once, then, or after PANEL_LATEST_MS if no frame came
   * by then (a hidden view paints none; a starved machine paints late),
   * since the panel need not wait for a paint. The paint time is never
   * guessed: a view that paints no frame reports none, and one that paints
   * late reports when it did. */
  const PANEL_LATEST_MS = 100;
  function afterPaint(doc, panel, painted) {
    const win = doc.defaultView;
    let built = false;
    const once = () => { if (!built) { built = true; panel(); } };
    if (win && win.requestAnimationFrame)
      win.requestAnimationFrame(() => setTimeout(() => { const at = wall(); once(); painted(at); }, 0));
    setTimeout(once, PANEL_LATEST_MS);
  }

  /* The page changes without our observer seeing them (no records made). */
  function quietly(fn) {
    if (!observer) return fn();
    observer.disconnect();
    try {
      return fn();
    } finally {
      observer.observe(document, OBSERVE);
    }
  }

  /* Returns how many pieces it highlighted and how long that took here
   * (the rest of the time to highlights is WebKit's and the host's). */
  function apply(p) {
    const t0 = performance.now(), start = wall();
    /* The analysis is of the text posted (or collected) for this page; if
     * the body changed since, say so, and the reader asks again. */
    if (typeof p.length === 'number' && p.length !== state.text.length)
      return { stale: true, marks: 0, ms: 0, start, done: wall() };
    if (state.marks.length || state.panel) {   /* again, e.g. settings changed */
      const keep = state.text;
      collectFrom(state.source);
      if (state.text !== keep) return { stale: true, marks: 0, ms: 0, start, done: wall() };
    }
    state.payload = p;
    const ranges = [];
    /* Entities once ([id, type, label]), mentions as [s, e, k, …] with k
     * the entity's place in that list: a small message to parse. */
    const ents = Array.isArray(p.entities) ? p.entities : [];
    const m = Array.isArray(p.mentions) ? p.mentions : [];
    for (let i = 0; i + 2 < m.length; i += 3) {
      const ent = ents[m[i + 2]];
      if (ent) ranges.push({ kind: 'entity', s: m[i], e: m[i + 1], entity: ent[0], type: ent[1], label: ent[2] });
    }
    for (const st of p.statements)
      ranges.push({ kind: 'statement', s: st.s, e: st.e, index: st.index, color: st.color,
                    unnamed: st.unnamed, label: st.label });
    quietly(() => decorate(ranges.filter(r => r.e > r.s && r.e <= state.text.length), p.scheme));
    const done = wall(), ms = performance.now() - t0;
    /* The panel, and the time the highlights were painted, after the frame. */
    const mine = state;
    if (state.root)
      afterPaint(state.root.ownerDocument,
        () => { if (state === mine) buildPanel(p); },
        (at) => { if (state === mine) post({ type: 'painted', at: done, painted: at }); });
    const f = frameSeen || { start: 0, end: 0 };
    return { marks: state.marks.length, ms, start, done, frameStart: f.start, frameEnd: f.end };
  }

  function setRelated(r) {
    state.related = r;   /* for a panel still to be built */
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
      if (href) title.setAttribute('href', href);  /* the host opens it as it opens links */
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

  /* --- The card ------------------------------------------------------------ */

  /* The highlights' own tooltips ("Name · Type") would open over the card:
   * none while it is open. */
  function hideTitles() {
    const titles = new Map();
    for (const m of state.marks) {
      const t = m.getAttribute('title');
      if (t !== null) { titles.set(m, t); m.removeAttribute('title'); }
    }
    return titles;
  }

  /* refocus: back to the highlight that opened it; tell: native code (which
   * then drops the card's index request) when the user closed it. */
  function closeCard(refocus, tell) {
    if (!card) return;
    const c = card;
    card = null;
    c.host.remove();
    for (const [m, t] of c.titles) if (m.isConnected) m.setAttribute('title', t);
    ours();
    if (tell) post({ type: 'card', open: false });
    if (refocus && c.opener && c.opener.isConnected) c.opener.focus();
  }

  /* A rectangle of an element in any same-origin frame, in the top
   * document's viewport: each frame's offset added on the way up. */
  function topRect(e) {
    const b = e.getBoundingClientRect();
    let x = b.left, y = b.top;
    for (let w = e.ownerDocument.defaultView; w && w.frameElement; w = w.parent) {
      const f = w.frameElement, fb = f.getBoundingClientRect();
      x += fb.left + f.clientLeft;
      y += fb.top + f.clientTop;
    }
    return { left: x, top: y, right: x + b.width, bottom: y + b.height };
  }

  /* Below the highlight, or above it when there is no room below; inside
   * the window horizontally. When neither side holds it whole (a small
   * window, a reading pane), it takes the roomier side and scrolls inside,
   * so all of it stays on screen. Coordinates are the host's, which sits at
   * the top left of the top document. */
  function placeCard() {
    if (!card || !card.opener.isConnected) return;
    const win = card.doc.defaultView;
    const r = topRect(card.opener);
    const h = card.host.getBoundingClientRect();
    const box = card.box;
    const vw = win.innerWidth, vh = win.innerHeight;
    const w = Math.min(380, vw - 16);
    box.style.width = w + 'px';
    const left = Math.max(8, Math.min(r.left, vw - w - 8));
    box.style.maxHeight = '';
    const natural = box.offsetHeight;
    const below = vh - 4 - (r.bottom + 6), above = r.top - 6 - 4;
    let top;
    if (natural <= below) {
      top = r.bottom + 6;
    } else if (natural <= above) {
      top = r.top - 6 - natural;
    } else {
      const height = Math.min(natural, Math.max(below, above, 160), vh - 8);
      box.style.maxHeight = height + 'px';
      top = below >= above ? r.bottom + 6 : r.top - 6 - height;
      top = Math.max(4, Math.min(top, vh - 4 - height));
    }
    box.style.left = (left - h.left) + 'px';
    box.style.top = (top - h.top) + 'px';
  }

  function cardLink(doc, text, link, cls) {
    if (typeof link !== 'number' || typeof text !== 'string') return el(doc, 'span', cls, String(text || ''));
    const a = el(doc, 'a', cls, text);
    a.setAttribute('href', '#');
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      post({ type: 'open', link });   /* the host opens it; native code knows the address */
    });
    return a;
  }

  /* The card for one entity, from native code (all text); the index part
   * follows in setCardIndex. */
  function showCard(c) {
    const m = opener && opener.isConnected && Number(opener.getAttribute('data-tl-entity')) === c.entity ? opener : null;
    if (!m) return false;
    closeCard(false, false);
    /* In the top document, also for a highlight in an iframe: a host may
     * size a frame to its content (Evolution does, one per message part),
     * which would cut the card off. */
    const doc = document;
    listen(doc);
    const { host, root } = shadowHost(doc, 'card');
    const box = el(doc, 'div', 'tl-card');
    /* The colours of the text around the highlight (not of a link in it). */
    applyTheme(box, theme((m.closest('a') || m).parentElement || m));
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Telelens: ' + c.name);
    box.setAttribute('tabindex', '-1');
    box.appendChild(el(doc, 'h3', 'tl-card-name', c.name));
    box.appendChild(el(doc, 'p', 'tl-muted', c.sub));
    if (c.description) box.appendChild(el(doc, 'p', null, c.description));
    if (c.aliases) box.appendChild(el(doc, 'p', 'tl-muted', c.aliases));
    if (c.wikidata) box.appendChild(el(doc, 'p', null)).appendChild(cardLink(doc, c.wikidata.text, c.wikidata.link));
    box.appendChild(el(doc, 'h4', null, c.mentions));
    for (const line of c.contexts || []) box.appendChild(el(doc, 'p', 'tl-muted tl-context', line));
    if (c.said && c.said.length) {
      box.appendChild(el(doc, 'h4', null, 'What it said here'));
      for (const line of c.said) box.appendChild(el(doc, 'p', 'tl-said', line));
    }
    const index = el(doc, 'div', 'tl-card-index');
    if (c.index) index.appendChild(el(doc, 'p', 'tl-muted', 'Looking in your index\u2026'));
    box.appendChild(index);
    const close = el(doc, 'button', 'tl-close', '\u00d7');
    close.setAttribute('aria-label', 'Close');
    close.setAttribute('title', 'Close (Esc)');
    close.addEventListener('click', (ev) => { ev.preventDefault(); closeCard(true, true); });
    box.insertBefore(close, box.firstChild);
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); closeCard(true, true); }
    });
    root.appendChild(box);
    (doc.body || doc.documentElement).appendChild(host);
    card = { doc, host, root, box, index, opener: m, entity: c.entity, titles: hideTitles() };
    placeCard();
    ours();
    box.focus({ preventScroll: true });
    const win = doc.defaultView, shown = card;
    /* Placed again in the next frame; a task queued from it runs after
     * that frame was painted (the test's inspect() reports it). */
    if (win && win.requestAnimationFrame)
      win.requestAnimationFrame(() => { placeCard(); setTimeout(() => { shown.painted = true; }, 0); });
    return true;
  }

  function setCardIndex(r) {
    if (!card || r.entity !== card.entity) return;
    const doc = card.doc, box = card.index;
    box.textContent = '';
    if (r.error) {
      box.appendChild(el(doc, 'p', 'tl-muted', r.error));
    } else {
      box.appendChild(el(doc, 'h4', null, 'Coverage that mentions it'));
      if (r.note) box.appendChild(el(doc, 'p', 'tl-muted', r.note));
      if (r.coverage && r.coverage.length) {
        const ul = el(doc, 'ul', 'tl-coverage');
        for (const it of r.coverage) {
          const li = el(doc, 'li');
          li.appendChild(cardLink(doc, it.text, it.link));
          if (it.date) li.appendChild(el(doc, 'span', 'tl-muted tl-date', ' ' + it.date));
          ul.appendChild(li);
        }
        box.appendChild(ul);
      }
      if (r.timeline && Array.isArray(r.timeline.weeks) && r.timeline.weeks.length) {
        box.appendChild(el(doc, 'h4', null, r.timeline.summary));
        box.appendChild(timelineChart(doc, r.timeline));
      }
    }
    placeCard();
    if (doc.defaultView && doc.defaultView.requestAnimationFrame) doc.defaultView.requestAnimationFrame(placeCard);
  }

  /* --- Events ------------------------------------------------------------- */

  function onActivate(ev) {
    if (ev.type === 'keydown' && ev.key === 'Escape' && card) {
      ev.preventDefault();
      closeCard(true, true);
      return;
    }
    const m = ev.target && ev.target.closest ? ev.target.closest('mark.tl-mark') : null;
    if (!m) {
      if (ev.type === 'click' && card && ev.target !== card.host) closeCard(false, true);
      return;
    }
    if (ev.type === 'keydown' && ev.key !== 'Enter' && ev.key !== ' ') return;
    ev.preventDefault();
    ev.stopPropagation();   /* also inside links: the card, not the link */
    opener = m;
    post({ type: 'entity', entity: Number(m.getAttribute('data-tl-entity')) });
  }

  function onScroll() { if (card) placeCard(); }

  function listen(doc) {
    if (doc.__telelensListening) return;
    doc.__telelensListening = true;
    doc.addEventListener('click', onActivate, true);
    doc.addEventListener('keydown', onActivate, true);
    if (doc.defaultView) doc.defaultView.addEventListener('resize', onScroll);
  }

  /* Undoes everything: marks are unwrapped and text nodes merged back. */
  function clear() {
    closeCard(false, false);
    opener = null;
    const touched = new Set();
    const docs = new Set(state.docs);
    for (const d of frameDocs(document)) docs.add(d);
    for (const doc of docs) {
      for (const h of doc.querySelectorAll('div.tl-host')) h.remove();
      for (const m of doc.querySelectorAll('mark.tl-mark, span.tl-statement')) {
        const parent = m.parentNode;
        while (m.firstChild) parent.insertBefore(m.firstChild, m);
        parent.removeChild(m);
        touched.add(parent);
      }
    }
    for (const p of touched) p.normalize();
    state = freshState();
    ours();
  }

  /* --- Text delivery ------------------------------------------------------ */

  /* Hosts fill the story body after their page has loaded (Liferea
   * 1.14/1.15: loadContent() after load-finished), so the reader would have
   * to ask for the text and wait. Instead, once the reader calls
   * watch(selector) (appended to this script), a MutationObserver posts the
   * body's text the moment it is there or changes: {type: 'story', text,
   * at}. Our own changes to the page are not changes of the story: every
   * function that changes the page ends with ours(), which drops the
   * observer's pending records, and the text is compared with the last one
   * posted (our marks keep it as it was; our hosts are skipped). */
  let watched = null, observer = null, lastPosted = null;
  const OBSERVE = { childList: true, subtree: true, characterData: true };

  function ours() {
    if (observer) observer.takeRecords();
  }

  /* A host that renders the story again in place (Liferea 2.0) may keep
   * the panel and drop the marks, or the other way round. */
  function decorated() {
    if (state.panelHost && !state.panelHost.isConnected) return false;
    if (state.marks.length) return state.marks[0].isConnected;
    return state.panelHost !== null || lastPosted !== null;
  }

  /* At most one post per 100 ms: a story whose own script keeps changing
   * it (when the reader lets story scripts run) cannot keep the reader
   * analysing. The first post after a quiet spell goes at once. */
  const POST_EVERY_MS = 100;
  let lastPostAt = -Infinity, trailing = 0;

  function deliver() {
    if (trailing || !watched) return;
    const wait = lastPostAt + POST_EVERY_MS - performance.now();
    if (wait > 0) {
      trailing = setTimeout(() => { trailing = 0; deliver(); }, wait);
      return;
    }
    if (!document.querySelector(watched)) return;
    const seen = wall();
    const w = walkText(bodyRoots(watched));
    if (!w.text.trim() || (w.text === lastPosted && decorated())) return;
    lastPosted = collectFrom(watched, w);
    ours();
    lastPostAt = performance.now();
    const local = decorateHere(lastPosted);
    /* at: when the body was seen filled; sent: just before the post (both
     * for the reader's timing log only); local: decorated here already
     * (the reader then keeps its analysis for the panel's related coverage
     * and the card, and does not decorate again). */
    post({ type: 'story', text: lastPosted, at: seen, sent: wall(), local });
    noteFrame();
  }

  /* With the web process extension there and ready, the story is analysed
   * and decorated here, synchronously, with no process hop: the timings of
   * apply(), or null (no extension, not ready yet, a long story, a story to
   * leave as it is: the reader decorates, as without the extension). */
  function decorateHere(text) {
    if (!native || !options) return null;
    let json = null;
    try {
      json = native(text, options);
    } catch (e) {
      return null;
    }
    if (typeof json !== 'string' || !json) return null;
    let r;
    try {
      r = apply(JSON.parse(json));
    } catch (e) {
      return null;
    }
    return r.stale ? null : { start: r.start, done: r.done, ms: r.ms, marks: r.marks };
  }

  /* Timing only (the reader's log): when the first frame after the post
   * began (its requestAnimationFrame) and ended (a task queued from there),
   * so the log shows whether decorating waited for WebKit to render the
   * story as the host filled it. */
  let frameSeen = null;
  function noteFrame() {
    const f = { start: 0, end: 0 };
    frameSeen = f;
    if (window.requestAnimationFrame)
      window.requestAnimationFrame(() => { f.start = wall(); setTimeout(() => { f.end = wall(); }, 0); });
  }

  /* The reader is gone (turned off): no more posts from this page. */
  function stop() {
    if (trailing) clearTimeout(trailing);
    trailing = 0;
    if (observer) observer.disconnect();
    observer = null;
    watched = null;
    lastPosted = null;
  }

  function setOptions(o) {
    options = o && typeof o === 'object' ? JSON.stringify(o) : null;
  }

  function watch(selector, o) {
    if (o !== undefined) setOptions(o);
    if (watched === selector) return;
    watched = selector;
    if (observer) observer.disconnect();
    observer = new MutationObserver(deliver);
    observer.observe(document, OBSERVE);
    deliver();
  }

  const api = {
    version: 2,
    collect: (selector) => collectFrom(selector),
    collectIn: (roots) => collectFrom(Array.from(roots || [])),
    apply, setRelated, showCard, setCardIndex, clear, watch, stop, ours, setOptions,
    native: () => native !== null,
    closeCard: () => closeCard(false, false),
  };
  /* Test-only (the end-to-end test's probe, through this world): the closed
   * shadow roots, to read what they render. Absent in normal use. */
  if (config.inspect === true)
    api.inspect = () => ({ panel: state.panelHost ? state.panel : null, card: card ? card.box : null,
                           cardPainted: !!(card && card.painted) });
  window.telelens = api;
})();
