/* Furo's colour-scheme choice, applied before the page is painted. Furo writes this line
 * as an inline <script>; it lives here so the Content-Security-Policy can forbid inline
 * script (_templates/base.html loads it where Furo had it). */
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
