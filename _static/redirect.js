// A redirect page (website/redirects.py) sends the reader on with the part of the address
// after "#": a citation's passage link (old-page.html#p-1a2b) lands on the passage, not at
// the top of the moved page. Without script, the meta refresh still sends the reader on.
(function () {
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!refresh || !location.hash) return;
  var target = refresh.getAttribute("content").split("url=")[1];
  if (target && target.indexOf("#") < 0) location.replace(target + location.hash);
})();
