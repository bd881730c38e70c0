"""The site as an app: the manifest, the service worker, the offline page and what a kawasan saves."""
