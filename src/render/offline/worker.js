// guidebook's service worker: keeps the files listed above in the browser, so that the guide
// opens with no network after one visit. Each build writes a new list, and so a new worker: it
// fills a new cache (named by the list's digest), copying the files whose digest did not change
// from the old one and fetching the rest, then drops the old cache and tells the open pages.
// Nothing is sent anywhere; nothing outside the list is touched.
"use strict";

var SCOPE = self.registration.scope;
// Caches of this site (a worker at another path of the same host has its own).
var PREFIX = "guidebook " + SCOPE + " ";
var NAME = PREFIX + OFFLINE.version;
var VERSION_HEADER = "X-Guidebook-Version";
var AT_ONCE = 6;

// Every listed file by its address's path: [absolute URL, digest].
var LISTED = {};
OFFLINE.files.forEach(function (file) {
  var url = new URL(file[0], self.location.href);
  LISTED[url.pathname] = [url.href, file[1]];
});
var NOT_FOUND = LISTED[new URL("404.html", self.location.href).pathname];

self.addEventListener("install", function (event) {
  event.waitUntil(fill().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(dropOldCaches().then(function (dropped) {
    return self.clients.claim().then(function () {
      return self.clients.matchAll({ type: "window", includeUncontrolled: true });
    }).then(function (clients) {
      clients.forEach(function (client) {
        client.postMessage({ guidebook: "offline", state: dropped ? "updated" : "ready" });
      });
    });
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var path = url.pathname.endsWith("/") ? url.pathname + "index.html" : url.pathname;
  var listed = LISTED[path];
  if (!listed && request.mode !== "navigate") return;
  event.respondWith(answer(request, listed));
});

/** The kept copy of a listed file (a range of it when one is asked for), else the network;
 *  a page that cannot be had offline gets the kept 404 page. */
function answer(request, listed) {
  return caches.open(NAME).then(function (cache) {
    return (listed ? cache.match(listed[0]) : Promise.resolve(undefined)).then(function (kept) {
      if (kept) return ranged(request, kept);
      return fetch(request).catch(function (error) {
        if (request.mode !== "navigate" || !NOT_FOUND) throw error;
        return cache.match(NOT_FOUND[0]).then(function (page) {
          if (!page) throw error;
          return page;
        });
      });
    });
  });
}

/** `response`, or the part a `Range` header asks for (audio and video players ask for parts). */
function ranged(request, response) {
  var range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") || "");
  if (!range || (range[1] === "" && range[2] === "")) return response;
  return response.blob().then(function (blob) {
    var size = blob.size, start, end;
    if (range[1] === "") {
      start = Math.max(0, size - Number(range[2]));
      end = size - 1;
    } else {
      start = Number(range[1]);
      end = range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
    }
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    var headers = new Headers(response.headers);
    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: headers });
  });
}

/** Fills this build's cache: what an older cache holds unchanged is copied, the rest fetched.
 *  A file the host does not have (an error status) is left out; a network failure fails the
 *  install, which the browser tries again on a later visit. */
function fill() {
  return Promise.all([caches.open(NAME), olderCaches()]).then(function (opened) {
    var cache = opened[0], older = opened[1];
    var queue = Object.keys(LISTED).map(function (path) { return LISTED[path]; });
    function next() {
      var listed = queue.shift();
      if (!listed) return Promise.resolve();
      return keep(cache, older, listed[0], listed[1]).then(next);
    }
    var workers = [];
    for (var i = 0; i < AT_ONCE; i++) workers.push(next());
    return Promise.all(workers);
  });
}

function keep(cache, older, url, version) {
  return cache.match(url).then(function (kept) {
    if (kept && kept.headers.get(VERSION_HEADER) === version) return undefined;
    return fromOlder(older, url, version).then(function (found) {
      if (found) return cache.put(url, found);
      return fetch(new Request(url, { cache: "no-cache", credentials: "same-origin" })).then(function (response) {
        if (!response.ok) return undefined;
        return stamped(response, version).then(function (copy) { return cache.put(url, copy); });
      });
    });
  });
}

/** The same file, at the same digest, in an older cache of this site. */
function fromOlder(older, url, version) {
  var index = 0;
  function look() {
    var cache = older[index++];
    if (!cache) return Promise.resolve(undefined);
    return cache.match(url).then(function (found) {
      return found && found.headers.get(VERSION_HEADER) === version ? found : look();
    });
  }
  return look();
}

/** A plain copy of `response` marked with the file's digest (a redirected response cannot
 *  answer a page's request, so it is never kept as it came). */
function stamped(response, version) {
  return response.blob().then(function (body) {
    // Only the type: the body is decoded already, so its encoding and length must not follow.
    var headers = new Headers();
    headers.set("Content-Type", response.headers.get("Content-Type") || "application/octet-stream");
    headers.set(VERSION_HEADER, version);
    return new Response(body, { status: 200, statusText: "OK", headers: headers });
  });
}

function olderCaches() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== NAME;
    }).map(function (name) { return caches.open(name); }));
  });
}

/** Deletes this site's other caches; resolves to whether there were any (an update). */
function dropOldCaches() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== NAME; });
    return Promise.all(old.map(function (name) { return caches.delete(name); })).then(function () {
      return old.length > 0;
    });
  });
}
