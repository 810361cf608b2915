"""The contract's security properties, checked through the test Client."""

from django.test import Client, TestCase

from bookmarks.models import Bookmark

from .factories import make_bookmark, make_user

SCRIPT = '<script>alert("xss")</script>'


class CsrfTests(TestCase):
    """The test Client skips CSRF checks unless asked; these tests ask."""

    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.bookmark = make_bookmark(cls.alice)

    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(self.alice)

    def test_a_post_with_the_token_from_the_form_works(self):
        form_page = self.client.get("/bookmarks/new/")
        token = form_page.context["csrf_token"]
        data = {
            "url": "https://ok.example/",
            "title": "OK",
            "csrfmiddlewaretoken": token,
        }
        self.assertEqual(self.client.post("/bookmarks/new/", data).status_code, 302)

    def test_every_state_changing_post_needs_the_token(self):
        pk = self.bookmark.pk
        for path in (
            "/bookmarks/new/",
            f"/bookmarks/{pk}/edit/",
            f"/bookmarks/{pk}/delete/",
            "/accounts/logout/",
            "/accounts/login/",
            "/accounts/register/",
        ):
            data = {"url": "https://evil.example/", "title": "Forged"}
            with self.subTest(path=path):
                self.assertEqual(self.client.post(path, data).status_code, 403)
        self.assertQuerySetEqual(Bookmark.objects.all(), [self.bookmark])


class XssTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.bookmark = make_bookmark(
            make_user("alice"), title=SCRIPT, notes=SCRIPT, tags=["xss"]
        )

    def test_user_text_is_escaped_on_every_page(self):
        for path in (
            "/",
            self.bookmark.get_absolute_url(),
            "/tags/xss/",
            "/users/alice/",
            "/search/?q=alert",
        ):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertContains(response, "&lt;script&gt;alert(&quot;xss&quot;)")
                self.assertNotContains(response, SCRIPT)

    def test_non_web_urls_are_rejected(self):
        self.client.force_login(make_user("mallory"))
        for url in (
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "ftp://example.com/",
        ):
            with self.subTest(url=url):
                data = {"url": url, "title": "Click me"}
                response = self.client.post("/bookmarks/new/", data)
                self.assertEqual(response.status_code, 200)  # the form, with errors
        self.assertFalse(Bookmark.objects.filter(title="Click me").exists())


class SqlInjectionTests(TestCase):
    """Search text reaches the database as a parameter, never as SQL."""

    @classmethod
    def setUpTestData(cls):
        alice = make_user("alice")
        make_bookmark(alice, title="Public")
        make_bookmark(alice, title="Secret", private=True)

    def test_quotes_in_the_search_are_just_text(self):
        response = self.client.get("/search/", {"q": "' OR '1'='1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["page_obj"]), [])

    def test_like_wildcards_are_just_text(self):
        response = self.client.get("/search/", {"q": "%"})
        self.assertEqual(list(response.context["page_obj"]), [])


class PrivacyTests(TestCase):
    """A private bookmark is invisible to everyone but its owner, everywhere."""

    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.secret = make_bookmark(
            cls.alice, title="Secret plans", private=True, tags=["plans"]
        )
        make_bookmark(cls.alice, title="Public plans", tags=["plans"])

    def test_hidden_from_others(self):
        self.client.force_login(make_user("bob"))
        for path in ("/", "/tags/plans/", "/users/alice/", "/search/?q=plans"):
            with self.subTest(path=path):
                self.assertNotContains(self.client.get(path), "Secret plans")
        self.assertNotContains(self.client.get("/api/bookmarks/"), "Secret plans")
        detail = self.client.get(self.secret.get_absolute_url())
        self.assertEqual(detail.status_code, 404)

    def test_shown_to_the_owner_on_their_pages(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(self.secret.get_absolute_url()), "Secret")
        self.assertContains(self.client.get("/users/alice/"), "Secret plans")


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class HeaderTests(TestCase):
    def test_security_headers(self):
        response = self.client.get("/")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")

    def test_content_security_policy_on_site_and_admin_pages(self):
        self.client.force_login(make_user("boss", is_staff=True, is_superuser=True))
        for path in ("/", "/accounts/login/", "/admin/", "/admin/bookmarks/bookmark/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Security-Policy"], CSP)

    def test_no_inline_script_or_style_on_site_pages(self):
        # The policy would block them: the site keeps its CSS in style.css.
        self.client.force_login(make_user("alice"))
        for path in ("/", "/bookmarks/new/", "/accounts/password/"):
            with self.subTest(path=path):
                page = self.client.get(path).content.decode()
                self.assertNotIn("<script>", page)
                self.assertNotIn("<style", page)
                self.assertNotIn(" style=", page)
