/* Citable passages (record extension); no inline script anywhere, so a strict
 * Content-Security-Policy holds.
 *
 * - "Cite" beside each passage's "¶" link opens one shared dialog with the passage's
 *   citation in APA, Chicago and MLA (from passages.json: version, versioned address,
 *   PDF page), each in a read-only text box a keyboard can select, with a Copy button.
 * - A link to a passage id this edition no longer has shows where it can still be read
 *   (passage-history.json).
 */
(function () {
  "use strict";

  var root = new URL(document.documentElement.getAttribute("data-content_root") || "./",
                     location.href);
  var cache = {};
  var words = (function () {
    var meta = document.querySelector('meta[name="record-words"]');
    try { return meta ? JSON.parse(meta.content) : {}; } catch (e) { return {}; }
  })();

  /* The page's own words for ``text`` (translated at build time), ``{name}`` filled in. */
  function t(text, values) {
    return (words[text] || text).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function load(name) {
    if (!cache[name]) {
      cache[name] = fetch(new URL(name, root)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
    }
    return cache[name];
  }

  function pageFile() {
    var here = location.href.split("#")[0].split("?")[0];
    var file = here.indexOf(root.href) === 0 ? here.slice(root.href.length) : "";
    return file === "" || file.slice(-1) === "/" ? file + "index.html" : file;
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var dialog = null;
  var opener = null;

  function makeDialog() {
    dialog = element("dialog", { "class": "record-cite-dialog",
                                 "aria-labelledby": "record-cite-title" });
    dialog.appendChild(element("h2", { id: "record-cite-title" }, t("Cite this passage")));
    dialog.appendChild(element("div", { "class": "record-cite-body" }));
    var close = element("button", { type: "button" }, t("Close"));
    close.addEventListener("click", function () { dialog.close(); });
    dialog.appendChild(close);
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
    document.body.appendChild(dialog);
  }

  function fill(passage) {
    var body = dialog.querySelector(".record-cite-body");
    body.textContent = "";
    if (!passage) {
      body.appendChild(element("p", {}, t("This passage is not in passages.json of this edition.")));
      return;
    }
    Object.keys(passage.cite).forEach(function (style, i) {
      var id = "record-cite-" + i;
      body.appendChild(element("label", { "for": id }, style));
      var box = element("textarea", { id: id, readonly: "readonly", rows: "4" });
      if (words["citations-language"]) box.setAttribute("lang", words["citations-language"]);
      box.value = passage.cite[style];
      body.appendChild(box);
      var copy = element("button", { type: "button" }, t("Copy {style}", { style: style }));
      copy.addEventListener("click", function () {
        box.select();
        var done = function () { copy.textContent = t("Copied {style}", { style: style }); };
        if (navigator.clipboard) navigator.clipboard.writeText(box.value).then(done, function () {});
        else if (document.execCommand("copy")) done();
      });
      body.appendChild(copy);
    });
  }

  function openFor(button, ident) {
    opener = button;
    if (!dialog) makeDialog();
    var file = pageFile();
    load("passages.json").then(function (data) {
      fill(data.passages.filter(function (p) { return p.id === ident && p.file === file; })[0]);
    }, function () { fill(null); }).then(function () {
      dialog.showModal();
      var first = dialog.querySelector("textarea");
      if (first) first.focus();
    });
  }

  function addCiteButtons() {
    document.querySelectorAll("a.passage-link").forEach(function (link) {
      var ident = link.getAttribute("data-passage");
      var button = element("button", { type: "button", "class": "passage-cite",
                                       "aria-label": t("Cite this passage") }, t("Cite"));
      button.addEventListener("click", function () { openFor(button, ident); });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function explainMissing() {
    var ident = decodeURIComponent(location.hash.slice(1));
    var old = document.querySelector(".record-gone");
    if (old) old.remove();
    if (!ident || document.getElementById(ident)) return;
    load("passage-history.json").then(function (history) {
      var entry = (history[pageFile()] || {})[ident];
      if (!entry) return;
      var note = element("div", { "class": "record-gone", role: "status" });
      var p = element("p", {}, t("This passage changed in version {version}.", { version: entry.changed }) + " ");
      p.appendChild(element("a", { href: new URL(entry.url, root).href },
                            t("Read it as it was in version {version}", { version: entry.last })));
      p.appendChild(document.createTextNode("."));
      note.appendChild(p);
      var main = document.querySelector("article[role=main]") || document.querySelector("main") ||
        document.body;
      main.insertBefore(note, main.firstChild);
    }, function () {});
  }

  addCiteButtons();
  explainMissing();
  window.addEventListener("hashchange", explainMissing);
})();
