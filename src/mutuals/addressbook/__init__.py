"""Your people as a CardDAV address book that phones subscribe to (issue 18).

`models.AppPassword` (one per device, only its hash kept), `services.py` (add a device, revoke
one, check a device's password), `selectors.py` (the devices; the cards a device reads),
`dav/` (Radicale's auth, storage and rights plugins, and the WSGI app mounted under `/dav/`).
"""
