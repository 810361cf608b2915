"""Flask extensions, created here without an app and bound in create_app()."""

from flask_wtf.csrf import CSRFProtect

# Every POST, PUT, PATCH or DELETE must carry the session's CSRF token.
csrf = CSRFProtect()
