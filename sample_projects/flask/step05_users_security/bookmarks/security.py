"""Security helpers: safe redirects, and headers on every response."""

# Content-Security-Policy: what the browser may load for our pages.
CSP = "; ".join(
    [
        "default-src 'self'",  # scripts, styles, fonts... only from this site
        "img-src 'self' data:",  # the admin's Bootstrap uses data: images
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


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
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")  # trust Content-Type
    headers.setdefault("X-Frame-Options", "DENY")  # no framing: no clickjacking
    headers.setdefault("Referrer-Policy", "same-origin")  # don't leak our URLs
    headers.setdefault("Content-Security-Policy", CSP)
    return response


def init_app(app):
    """Add the security headers to every response ``app`` sends."""
    app.after_request(add_security_headers)
