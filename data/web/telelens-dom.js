/* telelens-dom.js — the pieces the reader UI is built from
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Put before telelens.js in the same user script, in Telelens' isolated
 * script world, after telelens-text.js. No state of the story here: the
 * highlights' inline styles, elements made as text only (textContent,
 * never HTML), the closed shadow roots the panel and the card live in,
 * the reader's theme colours, and the card's "why" line and timeline
 * chart from untrusted index data. telelens.js decorates, and draws the
 * panel and the card, with them.
 */
window.telelensDom = window.telelensDom || (function () {
  'use strict';

  /* Type → [tint, underline colour, underline style, underline width]:
   * translucent tints over the reader's own colours and an inherited text
   * colour, so light and dark themes both stay readable; each type also has
   * its own underline style, for readers who do not tell colours apart. */
  const TYPES = {
    vendor: ['rgba(230, 120, 20, .18)', 'rgba(217, 115, 26, .9)', 'solid', 2],
    operator: ['rgba(47, 111, 192, .16)', 'rgba(47, 111, 192, .9)', 'solid', 2],
    government: ['rgba(113, 80, 196, .16)', 'rgba(113, 80, 196, .9)', 'solid', 2],
    organization: ['rgba(120, 120, 120, .16)', 'rgba(120, 120, 120, .9)', 'dotted', 2],
    media: ['rgba(120, 120, 120, .16)', 'rgba(120, 120, 120, .9)', 'dotted', 2],
    person: ['rgba(47, 154, 76, .16)', 'rgba(47, 154, 76, .9)', 'solid', 2],
    place: ['rgba(31, 145, 138, .14)', 'rgba(31, 145, 138, .8)', 'dashed', 2],
    technology: ['rgba(194, 68, 124, .14)', 'rgba(194, 68, 124, .85)', 'dashed', 2],
    threat: ['rgba(200, 48, 42, .18)', 'rgba(200, 48, 42, .95)', 'solid', 3],
    vulnerability: ['rgba(200, 48, 42, .18)', 'rgba(200, 48, 42, .95)', 'solid', 3],
    law: ['rgba(148, 112, 58, .16)', 'rgba(148, 112, 58, .9)', 'double', 3],
  };
  const STATEMENT_COLORS = ['#1a73e8', '#e8710a', '#188038', '#a142f4', '#d01884', '#12b5cb', '#9e6c00', '#808080'];
  const styleCache = new Map();

  function markStyle(type, scheme) {
    const key = type + '/' + scheme;
    let css = styleCache.get(key);
    if (css === undefined) {
      const t = TYPES[type] || TYPES.organization;
      css = 'color: inherit !important; display: inline !important; visibility: visible !important;' +
        ' opacity: 1 !important; border-radius: 2px !important; padding: 0 1px !important; cursor: pointer !important;' +
        ' background-color: ' + (scheme === 'underline' ? 'transparent' : t[0]) + ' !important;' +
        ' border: 0 none !important; border-bottom: ' + t[3] + 'px ' + t[2] + ' ' + t[1] + ' !important;' +
        (scheme === 'vivid' ? ' filter: saturate(1.8) !important;' : '');
      styleCache.set(key, css);
    }
    return css;
  }

  function statementStyle(color) {
    const key = 's' + color;
    let css = styleCache.get(key);
    if (css === undefined) {
      css = 'text-decoration-line: underline !important; text-decoration-style: wavy !important;' +
        ' text-decoration-thickness: 1px !important; text-underline-offset: .35em !important;' +
        ' text-decoration-skip-ink: none !important; display: inline !important; visibility: visible !important;' +
        ' text-decoration-color: ' + STATEMENT_COLORS[color % 8] + ' !important;';
      styleCache.set(key, css);
    }
    return css;
  }

  const HOST_CARD_STYLE = 'position: absolute !important; left: 0 !important; top: 0 !important;' +
    ' width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important;' +
    ' border: 0 none !important; overflow: visible !important; display: block !important;' +
    ' z-index: 2147483647 !important;';

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

  /* A host element in the page with a closed shadow root holding our style
   * (css; one constructed sheet per document, shared by its roots). */
  const sheets = new WeakMap();
  function shadowHost(doc, kind, css) {
    const host = doc.createElement('div');
    host.className = 'tl-host tl-host-' + kind;
    if (kind === 'card')   /* at the page's top left, whatever the sheets say */
      host.style.cssText = HOST_CARD_STYLE;
    const root = host.attachShadow({ mode: 'closed' });
    const win = doc.defaultView;
    let adopted = false;
    try {
      if (win && win.CSSStyleSheet && 'adoptedStyleSheets' in root) {
        let sheet = sheets.get(doc);
        if (!sheet) {
          sheet = new win.CSSStyleSheet();
          sheet.replaceSync(css);
          sheets.set(doc, sheet);
        }
        root.adoptedStyleSheets = [sheet];
        adopted = true;
      }
    } catch (e) { /* an older WebKit: a <style> in the shadow root below */ }
    if (!adopted)
      root.appendChild(el(doc, 'style', null, css));
    return { host, root };
  }

  /* The reader's own colours, so the panel and the card look like the page
   * in light and dark themes alike: its text colour, and the first opaque
   * background from the story up. */
  const themes = new WeakMap();
  function theme(from, cached) {
    if (cached && themes.has(from)) return themes.get(from);
    const t = readTheme(from);
    if (cached) themes.set(from, t);
    return t;
  }

  function readTheme(from) {
    const doc = from.ownerDocument, win = doc.defaultView;
    const fg = win.getComputedStyle(from).color;
    let bg = null;
    for (let e = from; e && e.nodeType === 1 && !bg; e = e.parentElement) {
      const c = win.getComputedStyle(e).backgroundColor;
      const m = /rgba?\(([^)]*)\)/.exec(c);
      if (m) {
        const parts = m[1].split(',').map(Number);
        if (parts.length < 4 || parts[3] > 0.9) bg = c;
      }
    }
    if (!bg) {
      const dark = win.matchMedia && win.matchMedia('(prefers-color-scheme: dark)').matches;
      bg = dark ? '#242424' : '#ffffff';
    }
    return { fg, bg };
  }

  function applyTheme(box, t) {
    box.style.setProperty('--tl-fg', t.fg);
    box.style.setProperty('--tl-bg', t.bg);
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

  function timelineChart(doc, t) {
    const chart = el(doc, 'div', 'tl-chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', t.summary);
    const y = el(doc, 'div', 'tl-yaxis');
    y.appendChild(el(doc, 'span', null, String(t.max)));
    y.appendChild(el(doc, 'span', null, '0'));
    const plot = el(doc, 'div', 'tl-plot');
    const n = t.weeks.length;
    for (let i = 0; i < n; i++) {
      const slot = el(doc, 'span', 'tl-slot');
      const bar = el(doc, 'span', 'tl-bar');
      const v = Number(t.weeks[i]) || 0;
      bar.style.height = (100 * v / Math.max(1, t.max)) + '%';
      slot.setAttribute('title', (t.labels && t.labels[i] ? 'Week of ' + t.labels[i] + ': ' : '') + count(v, 'story', 'stories'));
      slot.appendChild(bar);
      plot.appendChild(slot);
    }
    const x = el(doc, 'div', 'tl-xaxis');
    x.appendChild(el(doc, 'span', null, t.first || ''));
    x.appendChild(el(doc, 'span', null, n > 1 ? (t.last || '') : ''));
    chart.appendChild(y);
    chart.appendChild(plot);
    chart.appendChild(x);
    return chart;
  }

  return Object.freeze({ markStyle, statementStyle, HOST_CARD_STYLE, count, el, safeHref, shadowHost,
                         theme, applyTheme, whyText, timelineChart });
})();
