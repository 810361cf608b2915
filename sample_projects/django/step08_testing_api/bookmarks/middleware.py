"""Errors under /api/ answer JSON, whichever part of Django produced them."""

import json


class JsonApiErrorsMiddleware:
    """Give an error answer (4xx, 5xx) under /api/ the body ``{"error": "..."}``.

    The API's views return their own JSON errors. This catches the rest, which
    Django answers with an HTML page (or nothing): an unknown /api/ path (404),
    a method the view refuses (405), a crash (500), a Host that is not in
    ALLOWED_HOSTS (400).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # path_info: the path without any prefix a proxy mounts the site under.
        if (
            request.path_info.startswith("/api/")
            and response.status_code >= 400
            and response.get("Content-Type") != "application/json"
        ):
            # Change the body, keep the rest (status, Allow, security headers).
            response.content = json.dumps({"error": response.reason_phrase})
            response["Content-Type"] = "application/json"
            response["Content-Length"] = str(len(response.content))
        return response
