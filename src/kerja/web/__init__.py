"""`kerja layan`: the web service over the same store (SPEC §13).

Starlette (routes, server-side Jinja2 templates) run by uvicorn. Layout:
  core.py    the request context, sessions and CSRF, error kinds -> HTTP codes, security headers
  api.py     the JSON API
  pages.py   the pages (plain HTML forms; static/kerja.js adds location and "select all")
  adms.py    the ZKTeco ADMS push receiver (/iclock/...)
  app.py     the application: every route, the static files, the Guard middleware
  server.py  uvicorn with one log line per request, clean stop on SIGTERM/Ctrl-C
Every route parses, calls a service (kerja.services) and renders; no SQL here.
"""
