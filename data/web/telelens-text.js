/* telelens-text.js — the story's text as the page holds it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Put before telelens.js in the same user script, in Telelens' isolated
 * script world: reading only (nothing here changes the page). The body
 * given by a CSS selector, with same-origin iframes (nested ones too), or
 * the story's roots themselves; its text exactly as the text nodes hold it
 * (offsets in UTF-16 units), with a line break at block boundaries, and
 * where each text node starts. telelens.js highlights by those offsets.
 */
window.telelensText = window.telelensText || (function () {
  'use strict';
  const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'TR',
    'TABLE', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE',
    'FIGCAPTION', 'BR', 'HR', 'DD', 'DT', 'DL', 'TD', 'TH', 'ASIDE', 'NAV', 'MAIN', 'ADDRESS']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'TEXTAREA', 'SELECT']);

  /* A document and the documents of its same-origin iframes, nested ones
   * too (Evolution renders each message part in one). */
  function frameDocs(doc, out) {
    out = out || [];
    if (!doc || out.includes(doc) || out.length > 64) return out;
    out.push(doc);
    for (const f of doc.querySelectorAll('iframe')) {
      try {
        if (f.contentDocument) frameDocs(f.contentDocument, out);
      } catch (e) { /* cross-origin: not ours to read */ }
    }
    return out;
  }

  function bodyRoots(selector) {
    const roots = [];
    const main = document.querySelector(selector) || document.body;
    if (main) roots.push(main);
    for (const d of frameDocs(document).slice(1))
      if (d.body) roots.push(d.body);
    return roots;
  }

  /* The text of the story body exactly as its text nodes hold it, with a
   * line break at block boundaries; offsets are UTF-16 units. Reads only:
   * our own marks keep the text as it was, our hosts are skipped. */
  function walkText(roots) {
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
          if (SKIP.has(n.tagName) || (n.classList && n.classList.contains('tl-host')))
            continue;
          const block = BLOCK.has(n.tagName);
          if (block) newline();
          walk(n);
          if (block) newline();
        }
      }
    };
    /* Elements, or documents (their body), in any same-origin documents. */
    roots = Array.from(roots || []).map((r) => r && r.nodeType === 9 ? r.body : r)
      .filter((r) => r && r.nodeType === 1);
    for (const r of roots) { walk(r); newline(); }
    return { roots, nodes, text };
  }

  return Object.freeze({ frameDocs, bodyRoots, walkText });
})();
