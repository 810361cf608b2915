from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.test import TestCase, override_settings

# Hashing a password with the real hasher (PBKDF2) takes a good fraction of a
# second, on purpose. Tests that hash passwords use MD5 instead: fast, and
# fine for throwaway test users. Every other test logs in with force_login().
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PASSWORD = "correct horse battery staple"


class PasswordStorageTests(TestCase):
    def test_the_site_hashes_passwords_with_pbkdf2(self):
        self.assertEqual(get_hasher().algorithm, "pbkdf2_sha256")


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
class LoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = get_user_model().objects.create_user("alice", password=PASSWORD)

    def login(self, next_url=None, password=PASSWORD):
        data = {"username": "alice", "password": password}
        if next_url is not None:
            data["next"] = next_url
        return self.client.post("/accounts/login/", data)

    def test_login_page(self):
        response = self.client.get("/accounts/login/")
        self.assertTemplateUsed(response, "accounts/login.html")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, 'name="username"')
        self.assertContains(response, 'name="password"')

    def test_login_redirects_home(self):
        self.assertRedirects(self.login(), "/")
        self.assertEqual(self.client.session["_auth_user_id"], str(self.alice.pk))

    def test_wrong_password(self):
        response = self.login(password="wrong")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please enter a correct username and password")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_next_on_this_site_is_followed(self):
        response = self.login(next_url="/bookmarks/new/")
        self.assertRedirects(response, "/bookmarks/new/")

    def test_next_to_another_site_is_ignored(self):
        for next_url in ("//evil.example", "https://evil.example", "///evil.example"):
            with self.subTest(next=next_url):
                self.assertRedirects(self.login(next_url=next_url), "/")
                self.client.logout()

    def test_an_unsafe_next_is_not_put_in_the_form(self):
        response = self.client.get("/accounts/login/?next=https://evil.example")
        self.assertNotContains(response, "evil.example")

    def test_session_cookie_flags(self):
        cookie = self.login().cookies["sessionid"]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")

    def test_passwords_are_stored_hashed(self):
        self.assertNotIn(PASSWORD, self.alice.password)
        self.assertTrue(self.alice.check_password(PASSWORD))


class LogoutTests(TestCase):
    def setUp(self):
        self.client.force_login(get_user_model().objects.create_user("alice"))

    def test_post_logs_out(self):
        self.assertRedirects(self.client.post("/accounts/logout/"), "/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_get_does_not(self):
        self.assertEqual(self.client.get("/accounts/logout/").status_code, 405)
        self.assertIn("_auth_user_id", self.client.session)


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
class RegisterTests(TestCase):
    def register(self, username="bob", password1=PASSWORD, password2=PASSWORD):
        data = {"username": username, "password1": password1, "password2": password2}
        return self.client.post("/accounts/register/", data)

    def test_register_page(self):
        response = self.client.get("/accounts/register/")
        self.assertTemplateUsed(response, "accounts/register.html")
        for field in ("csrfmiddlewaretoken", "username", "password1", "password2"):
            self.assertContains(response, f'name="{field}"')

    def test_registering_creates_the_user_and_logs_in(self):
        response = self.register()
        self.assertRedirects(response, "/")
        user = get_user_model().objects.get(username="bob")
        self.assertTrue(user.check_password(PASSWORD))
        self.assertFalse(user.is_staff)
        self.assertEqual(self.client.session["_auth_user_id"], str(user.pk))

    def test_passwords_must_match(self):
        response = self.register(password2="something else")
        self.assertContains(response, "The two password fields didn’t match.")
        self.assertFalse(get_user_model().objects.exists())

    def test_weak_passwords_are_refused(self):
        response = self.register(password1="password", password2="password")
        self.assertContains(response, "This password is too common.")

    def test_usernames_are_unique(self):
        self.register()
        self.client.logout()
        response = self.register(username="BOB")  # case doesn't make it new
        self.assertContains(response, "A user with that username already exists.")
