"""Flask extensions, created here without an app and bound in create_app()."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """The base of every model class (SQLAlchemy 2 declarative style)."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()

# Every POST, PUT, PATCH or DELETE must carry the session's CSRF token.
csrf = CSRFProtect()

# Remembers who is logged in, in the signed session cookie.
login_manager = LoginManager()
login_manager.login_view = "auth.login"  # where @login_required sends strangers
