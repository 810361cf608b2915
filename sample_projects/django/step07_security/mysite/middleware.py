"""The Content-Security-Policy header, which Django 5.2 does not send by itself.

Django 6.0 adds one (the SECURE_CSP setting and its own middleware); until then,
this is all the site needs: one policy string, from settings.
"""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Add settings.CONTENT_SECURITY_POLICY to every response that lacks one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # setdefault: a view that needs another policy can set its own header.
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
