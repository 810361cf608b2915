from django.test import TestCase

from bookmarks.models import Bookmark

from .factories import make_bookmark, make_user


class EditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")
        cls.bookmark = make_bookmark(cls.alice, title="Django", tags=["python", "web"])
        cls.secret = make_bookmark(cls.alice, title="Secret", private=True)
        cls.edit_url = f"/bookmarks/{cls.bookmark.pk}/edit/"

    def test_the_owner_sees_the_filled_in_form(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.edit_url)
        self.assertTemplateUsed(response, "bookmarks/form.html")
        self.assertContains(response, 'value="Django"')
        self.assertContains(response, 'value="python, web"')

    def test_the_owner_can_change_the_bookmark(self):
        self.client.force_login(self.alice)
        data = {"url": "https://djangoproject.com/", "title": "New", "tags": "django"}
        response = self.client.post(self.edit_url, data)
        self.assertRedirects(response, self.bookmark.get_absolute_url())
        self.bookmark.refresh_from_db()
        self.assertEqual(self.bookmark.title, "New")
        self.assertEqual([t.name for t in self.bookmark.tags.all()], ["django"])

    def test_others_get_403(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.edit_url).status_code, 403)
        data = {"url": "https://evil.example/", "title": "Mine now"}
        self.assertEqual(self.client.post(self.edit_url, data).status_code, 403)
        self.bookmark.refresh_from_db()
        self.assertEqual(self.bookmark.title, "Django")

    def test_others_get_404_for_a_private_bookmark(self):
        self.client.force_login(self.bob)
        response = self.client.get(f"/bookmarks/{self.secret.pk}/edit/")
        self.assertEqual(response.status_code, 404)

    def test_anonymous_users_are_sent_to_the_login_page(self):
        response = self.client.get(self.edit_url)
        self.assertRedirects(response, f"/accounts/login/?next={self.edit_url}")

    def test_only_the_owner_sees_the_edit_link(self):
        detail = self.bookmark.get_absolute_url()
        self.client.force_login(self.bob)
        self.assertNotContains(self.client.get(detail), self.edit_url)
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(detail), self.edit_url)


class DeleteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")
        cls.bookmark = make_bookmark(cls.alice, title="Django")
        cls.secret = make_bookmark(cls.alice, title="Secret", private=True)
        cls.delete_url = f"/bookmarks/{cls.bookmark.pk}/delete/"

    def test_the_owner_can_delete(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.delete_url, follow=True)
        self.assertRedirects(response, "/users/alice/")
        self.assertContains(response, "Bookmark deleted.")
        self.assertFalse(Bookmark.objects.filter(pk=self.bookmark.pk).exists())

    def test_get_is_not_allowed(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get(self.delete_url).status_code, 405)
        self.assertTrue(Bookmark.objects.filter(pk=self.bookmark.pk).exists())

    def test_others_get_403(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.post(self.delete_url).status_code, 403)
        self.assertTrue(Bookmark.objects.filter(pk=self.bookmark.pk).exists())

    def test_others_get_404_for_a_private_bookmark(self):
        self.client.force_login(self.bob)
        response = self.client.post(f"/bookmarks/{self.secret.pk}/delete/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Bookmark.objects.filter(pk=self.secret.pk).exists())

    def test_anonymous_users_are_sent_to_the_login_page(self):
        response = self.client.post(self.delete_url)
        self.assertRedirects(response, f"/accounts/login/?next={self.delete_url}")
        self.assertTrue(Bookmark.objects.filter(pk=self.bookmark.pk).exists())
