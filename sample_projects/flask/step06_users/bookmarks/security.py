"""Security helpers: safe redirects."""


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
