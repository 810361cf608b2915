from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.test import Client, TestCase, override_settings

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

    def test_passwords_are_stored_hashed(self):
        self.assertNotIn(PASSWORD, self.alice.password)
        self.assertTrue(self.alice.check_password(PASSWORD))

    def test_an_unknown_username_costs_a_hash_too(self):
        # Django's ModelBackend hashes the password even when no such user
        # exists, so the answer takes as long and does not reveal who is a user.
        User = get_user_model()
        with mock.patch.object(User, "set_password") as hashing:
            self.client.post("/accounts/login/", {"username": "zed", "password": "x"})
        hashing.assert_called_once_with("x")


class LogoutTests(TestCase):
    def setUp(self):
        self.alice = get_user_model().objects.create_user("alice")
        self.client.force_login(self.alice)

    def test_post_logs_out(self):
        self.assertRedirects(self.client.post("/accounts/logout/"), "/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_get_does_not(self):
        self.assertEqual(self.client.get("/accounts/logout/").status_code, 405)
        self.assertIn("_auth_user_id", self.client.session)

    def test_a_replayed_session_cookie_is_dead_after_logout(self):
        cookie = self.client.cookies["sessionid"].value
        self.client.post("/accounts/logout/")
        replay = Client()
        replay.cookies["sessionid"] = cookie
        response = replay.get("/bookmarks/new/")
        self.assertRedirects(response, "/accounts/login/?next=/bookmarks/new/")

    def test_logging_out_ends_the_other_sessions_too(self):
        laptop = Client()
        laptop.force_login(self.alice)
        self.assertEqual(laptop.get("/bookmarks/new/").status_code, 200)
        self.client.post("/accounts/logout/")
        self.assertEqual(laptop.get("/bookmarks/new/").status_code, 302)
        self.assertFalse(self.alice.sessions.exists())


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

    def test_usernames_are_unique_ignoring_case(self):
        self.register()
        self.client.logout()
        response = self.register(username="BOB")  # case doesn't make it new
        self.assertContains(response, "A user with that username already exists.")

    def test_password_rules(self):
        for password, message in [
            ("k8#Qz!", "This password is too short."),
            ("password", "This password is too common."),
            ("4815162342108", "This password is entirely numeric."),
            ("bobbybobby1", "The password is too similar to the username."),
        ]:
            with self.subTest(password=password):
                response = self.register("bobbybobby", password, password)
                self.assertContains(response, message)
        self.assertFalse(get_user_model().objects.exists())


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
class PasswordChangeTests(TestCase):
    NEW = "a brand new passphrase 7"

    @classmethod
    def setUpTestData(cls):
        cls.alice = get_user_model().objects.create_user("alice", password=PASSWORD)

    def change(self, client, old=PASSWORD):
        data = {
            "old_password": old,
            "new_password1": self.NEW,
            "new_password2": self.NEW,
        }
        return client.post("/accounts/password/", data)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get("/accounts/password/")
        self.assertRedirects(response, "/accounts/login/?next=/accounts/password/")

    def test_the_old_password_is_required(self):
        self.client.force_login(self.alice)
        response = self.change(self.client, old="wrong")
        self.assertContains(response, "Your old password was entered incorrectly.")

    def test_changing_keeps_this_session_and_ends_the_others(self):
        laptop, phone = Client(), Client()
        laptop.force_login(self.alice)
        phone.force_login(self.alice)
        self.assertRedirects(self.change(laptop), "/accounts/password/done/")
        self.assertEqual(laptop.get("/bookmarks/new/").status_code, 200)
        self.assertEqual(phone.get("/bookmarks/new/").status_code, 302)
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(self.NEW))
