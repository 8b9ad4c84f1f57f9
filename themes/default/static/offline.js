/* guidebook default theme: reading offline. On a published site (over http or https, where
   the page's script tag names the worker), registers the site's service worker, which keeps
   the guide in the browser after this first visit, and tells the reader, politely, once the
   guide is kept and when a newer version of it has been kept. From file:// and in the preview
   it does nothing. No network of its own, nothing sent anywhere. */
(function () {
  "use strict";
  var doc = document;
  var script = doc.currentScript;
  var worker = script && script.getAttribute("data-worker");
  if (!worker || !("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) return;

  // The guide's words (guidebook.js reads them from the page), English when a theme has none.
  var ENGLISH = {
    offline_ready: "This guide is now kept on this device: it opens without a network.",
    offline_updated: "A newer version of this guide has been kept on this device.",
    offline_reload: "Show it",
    offline_dismiss: "Dismiss"
  };
  function say(key) {
    var text = window.GUIDEBOOK_WORD ? window.GUIDEBOOK_WORD(key) : key;
    return text === key ? ENGLISH[key] : text;
  }

  var box = null;
  function notice(message, action) {
    if (box) box.parentNode.removeChild(box);
    box = doc.createElement("div");
    box.className = "offline-notice";
    box.setAttribute("role", "status");
    var text = doc.createElement("p");
    text.textContent = message;
    box.appendChild(text);
    if (action) {
      var act = doc.createElement("button");
      act.type = "button";
      act.className = "button button-small";
      act.textContent = say("offline_reload");
      act.addEventListener("click", action);
      box.appendChild(act);
    }
    var close = doc.createElement("button");
    close.type = "button";
    close.className = "button button-small button-quiet";
    close.textContent = say("offline_dismiss");
    close.addEventListener("click", function () {
      if (box) box.parentNode.removeChild(box);
      box = null;
    });
    box.appendChild(close);
    doc.body.appendChild(box);
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.guidebook !== "offline") return;
    if (data.state === "updated") {
      notice(say("offline_updated"), function () { window.location.reload(); });
    } else if (data.state === "ready") {
      notice(say("offline_ready"));
    }
  });

  function register() {
    navigator.serviceWorker.register(worker).catch(function () { /* no worker: the site works as it is */ });
  }
  if (doc.readyState === "complete") register(); else window.addEventListener("load", register);
})();
