/* Translated pages without eval. Sphinx's translations.js hands doctools.js a gettext plural
 * expression ("n == 1 ? 0 : 1"), which doctools.js compiles with `new Function`: the
 * Content-Security-Policy (script-src 'self', no 'unsafe-eval') blocks that, so every page of
 * a translation logged a violation and its plural forms failed. This reads the expression
 * (gettext's C subset: n, integers, ! * / % + - < > <= >= == != && || ?: and brackets)
 * instead of running it. Loaded after doctools.js, before translations.js. */
(function () {
  "use strict";
  if (typeof Documentation === "undefined") return;  // a const of doctools.js, not on window

  const OPS = {
    "*": (a, b) => a * b, "/": (a, b) => Math.trunc(a / b), "%": (a, b) => a % b,
    "+": (a, b) => a + b, "-": (a, b) => a - b,
    "<": (a, b) => +(a < b), ">": (a, b) => +(a > b), "<=": (a, b) => +(a <= b), ">=": (a, b) => +(a >= b),
    "==": (a, b) => +(a === b), "!=": (a, b) => +(a !== b),
    "&&": (a, b) => +(a && b), "||": (a, b) => +(a || b),
  };
  const LEVELS = [["*", "/", "%"], ["+", "-"], ["<", ">", "<=", ">="], ["==", "!="], ["&&"], ["||"]];

  function parse(source) {
    const tokens = source.match(/\d+|n|\|\||&&|==|!=|<=|>=|[<>?:%()!+\-*/]/g) || [];
    if (tokens.join("") !== source.replace(/\s+/g, "")) throw new Error("not a plural expression");
    let at = 0;
    const peek = () => tokens[at];
    const take = (expected) => {
      const token = tokens[at++];
      if (token === undefined || (expected && token !== expected)) throw new Error("unexpected end");
      return token;
    };
    function primary() {
      const token = take();
      if (token === "(") { const inner = ternary(); take(")"); return inner; }
      if (token === "!") { const inner = primary(); return (n) => +!inner(n); }
      if (token === "n") return (n) => n;
      if (!/^\d+$/.test(token)) throw new Error("unexpected " + token);
      const value = Number(token);
      return () => value;
    }
    function binary(level) {
      if (level < 0) return primary();
      let left = binary(level - 1);
      while (LEVELS[level].includes(peek())) {
        const op = OPS[take()], l = left, r = binary(level - 1);
        left = (n) => op(l(n), r(n));
      }
      return left;
    }
    function ternary() {
      const test = binary(LEVELS.length - 1);
      if (peek() !== "?") return test;
      take("?");
      const yes = ternary();
      take(":");
      const no = ternary();
      return (n) => (test(n) ? yes(n) : no(n));
    }
    const expression = ternary();
    if (at !== tokens.length) throw new Error("trailing " + peek());
    return expression;
  }

  Documentation.parsePlural = parse;
  Documentation.addTranslations = (catalog) => {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    let plural = (n) => +(n !== 1);
    try { plural = parse(String(catalog.plural_expr)); } catch (e) { /* keep the English rule */ }
    Documentation.PLURAL_EXPR = plural;
    Documentation.LOCALE = catalog.locale;
  };
})();
