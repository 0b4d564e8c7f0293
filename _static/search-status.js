/* The search page's summary is said by screen readers (WCAG 4.1.3 status messages).
 *
 * Sphinx's searchtools.js writes "Search finished, found 3 pages…" or "Your search did not
 * match…" into a <p class="search-summary"> with no role: a screen reader user never heard
 * whether the search found anything. The summary is made a status region when searchtools
 * keeps it (Search.status), before its words are written. A region that appears with its
 * words already in it is not announced, and a search that finds nothing writes them in the
 * same task that adds the summary: its words are written a moment later, once the region
 * is in the page.
 */
(function () {
  "use strict";

  var WAIT_MS = 150;
  if (typeof Search === "undefined") return;
  var words = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "innerText");
  var summary = null;

  function asStatus(element) {
    element.setAttribute("role", "status");
    element.setAttribute("aria-live", "polite");
    element.setAttribute("aria-atomic", "true");
    Object.defineProperty(element, "innerText", {
      configurable: true,
      get: function () { return words.get.call(element); },
      set: function (text) {
        window.setTimeout(function () { words.set.call(element, text); }, WAIT_MS);
      },
    });
    return element;
  }

  Object.defineProperty(Search, "status", {
    configurable: true,
    enumerable: true,
    get: function () { return summary; },
    set: function (element) { summary = element ? asStatus(element) : element; },
  });
})();
