"""Security helpers: safe redirects, and headers on every response."""

from flask import redirect, request

# Content-Security-Policy: what the browser may load and run on our pages.
CSP = {
    "default-src": "'self'",  # anything not named below: only from this site
    "script-src": "'self'",  # script files from this site; no inline scripts
    "style-src": "'self'",  # style sheets from this site; no inline styles
    "img-src": "'self' data:",
    "object-src": "'none'",  # no plugins
    "base-uri": "'self'",
    "form-action": "'self'",  # forms post only to this site
    "frame-ancestors": "'none'",  # no other site may frame our pages
}
# Flask-Admin's pages run inline scripts and inline onclick handlers (bulk
# actions, "are you sure?" before Delete, adding an inline row). A nonce could
# allow the <script> blocks but never an onclick attribute; 'unsafe-hashes'
# with a hash of every handler could, but the handlers' text changes with each
# action and language. So the admin, for staff only, allows inline scripts;
# everything else stays as strict as on the site.
ADMIN_CSP = CSP | {"script-src": "'self' 'unsafe-inline'"}

HEADERS = {
    "X-Content-Type-Options": "nosniff",  # trust our Content-Type
    "X-Frame-Options": "DENY",  # no framing: no clickjacking
    "Referrer-Policy": "same-origin",  # don't tell other sites our URLs
    "Cross-Origin-Opener-Policy": "same-origin",  # pages we open can't reach us
}
# Over HTTPS: "use only HTTPS for this site, for a year, subdomains too".
HSTS = "max-age=31536000; includeSubDomains"


def policy(directives):
    """{"default-src": "'self'", ...} as a header value."""
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def is_safe_redirect(target):
    """True only for a path on this site, such as "/bookmarks/new/".

    Refuses other sites: "https://evil.example", and "//evil.example", which
    browsers read as "https://evil.example". Backslashes count as slashes and
    control characters are refused, because browsers treat "/\\evil.example"
    and "/<tab>/evil.example" like "//evil.example".
    """
    if not target:
        return False
    target = target.replace("\\", "/")
    return target.isprintable() and target.startswith("/") and target[1:2] != "/"


def add_security_headers(response):
    """Run after every request: ask browsers to be careful with our pages."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    admin = request.path.startswith("/admin/")
    csp = policy(ADMIN_CSP if admin else CSP)
    response.headers.setdefault("Content-Security-Policy", csp)
    return response


def add_hsts(response):
    """Over HTTPS only: browsers ignore the header on plain HTTP."""
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def redirect_to_https():
    """Run before every request in production: plain HTTP goes to HTTPS."""
    if not request.is_secure:
        return redirect(request.url.replace("http://", "https://", 1), code=301)
    return None


def init_app(app):
    """Add the security headers to every response ``app`` sends; in production
    (HTTPS_ONLY), redirect HTTP to HTTPS and send HSTS."""
    app.after_request(add_security_headers)
    if app.config.get("HTTPS_ONLY"):
        app.before_request(redirect_to_https)
        app.after_request(add_hsts)
