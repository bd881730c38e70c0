/* plpbk's service worker, turned off (the plugin's option offline: false). A visitor's browser
 * that installed the worker of an earlier build finds this one at its next visit: it deletes this
 * site's caches (those named "plpbk <scope> …") and unregisters itself. Pages no longer register
 * a worker. */
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const prefix = "plpbk " + self.registration.scope + " ";
    const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
    await Promise.all(names.map((name) => caches.delete(name)));
    await self.registration.unregister();
  })());
});
