// guidebook's service worker for a site that keeps nothing offline ([offline] enabled = false,
// and the preview of `guidebook serve`): it takes the place of a worker that an earlier build,
// or a guide once published at the same address, installed; drops what that one kept; removes
// itself; and reloads the pages it answered, so that they come from the network again.
"use strict";

var PREFIX = "guidebook " + self.registration.scope + " ";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.registration.unregister();
  }).then(function () {
    return self.clients.matchAll({ type: "window" });
  }).then(function (clients) {
    clients.forEach(function (client) {
      if (client.navigate) client.navigate(client.url).catch(function () {});
    });
  }));
});
