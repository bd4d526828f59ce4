/* telelens-guard.js — no script that comes with a story runs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * For hosts that render the story with their own script, so script markup
 * has to stay on in the page: Liferea 2.0 puts a story in with innerHTML and
 * runs DOMPurify only afterwards, so the story's <img onerror> would run in
 * between. Installed (in Telelens' world, at document start) only while the
 * setting "block-scripts" is on: whatever the page adds loses its event
 * handlers, srcdoc and javascript: addresses first. Mutation records are
 * delivered as a microtask, before any event task (an image's error event)
 * can run. Evaluating this file again turns the guard back on;
 * telelensGuard.off() turns it off (the setting was turned off, or Telelens).
 */
(function () {
  'use strict';
  if (window.telelensGuard) {
    window.telelensGuard.on();
    return;
  }
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
  let observer = null;

  function defuse(el) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' ||
          (URL_ATTRS.includes(name) && /^javascript:/i.test(a.value.replace(/[\x00-\x20]/g, ''))))
        el.removeAttribute(a.name);
    }
  }

  function onAdded(records) {
    for (const r of records)
      for (const n of r.addedNodes)
        if (n.nodeType === 1) {
          defuse(n);
          for (const e of n.querySelectorAll('*')) defuse(e);
        }
  }

  function on() {
    if (!observer) {
      observer = new MutationObserver(onAdded);
      observer.observe(document, { childList: true, subtree: true });
    }
    return true;
  }

  function off() {
    if (observer) observer.disconnect();
    observer = null;
    return false;
  }

  window.telelensGuard = { on, off, active: () => observer !== null };
  on();
})();
