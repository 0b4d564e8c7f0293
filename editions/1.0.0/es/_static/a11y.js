/* Keyboard access to Furo's drawers (WCAG 2.1.1 keyboard, 2.4.3 focus order, 4.1.2 name/role).
 *
 * On narrow screens Furo opens its navigation and "on this page" drawers with <label>s for
 * hidden checkboxes: a mouse can use them, the keyboard cannot reach them. Each such label
 * becomes a real <button> that says whether its drawer is open; opening a drawer moves focus
 * into it, and Escape (or tabbing out of it) closes it. a11y.css hides closed drawers from the
 * Tab order once the class `drawers-keyboard` is set here.
 */
(function () {
  "use strict";

  var DRAWERS = [
    { checkbox: "__navigation", drawer: ".sidebar-drawer", toggle: "label.nav-overlay-icon",
      name: "Site navigation" },
    { checkbox: "__toc", drawer: ".toc-drawer", toggle: "label.toc-overlay-icon",
      name: "Contents of this page" },
  ];
  var FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";

  function replaceWithButton(label, drawer, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " drawer-toggle";
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-controls", drawer.id);
    button.setAttribute("aria-expanded", "false");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.parentNode.replaceChild(button, label);
    return button;
  }

  function isShown(element) {
    return element.getClientRects().length > 0;
  }

  function setUp(spec) {
    var checkbox = document.getElementById(spec.checkbox);
    var drawer = document.querySelector(spec.drawer);
    if (!checkbox || !drawer) return;
    drawer.id = drawer.id || spec.checkbox + "-drawer";
    var buttons = Array.prototype.map.call(document.querySelectorAll(spec.toggle), function (label) {
      return replaceWithButton(label, drawer, spec.name);
    });
    var opener = null;

    function show(open) {
      checkbox.checked = open;
      buttons.forEach(function (button) { button.setAttribute("aria-expanded", String(open)); });
    }

    function close(returnFocus) {
      show(false);
      var target = opener && isShown(opener) ? opener : buttons.filter(isShown)[0];
      if (returnFocus && target) target.focus();
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        if (checkbox.checked) return close(true);
        opener = button;
        show(true);
        var first = Array.prototype.filter.call(drawer.querySelectorAll(FOCUSABLE), isShown)[0];
        if (first) first.focus();
      });
    });
    // The overlay behind an open drawer is still a <label>: a click on it closes the drawer.
    checkbox.addEventListener("change", function () { show(checkbox.checked); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && checkbox.checked) close(true);
    });
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (checkbox.checked && next && !drawer.contains(next) && buttons.indexOf(next) < 0) {
        show(false);
      }
    });
  }

  function init() {
    DRAWERS.forEach(setUp);
    document.documentElement.classList.add("drawers-keyboard");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
