from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase

from bookmarks.models import Bookmark, Tag

from .factories import make_bookmark, make_user

CHANGELIST = "/admin/bookmarks/bookmark/"


class AdminAccessTests(TestCase):
    def test_anonymous_users_are_sent_to_the_admin_login(self):
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/admin/login/?next=/admin/")

    def test_users_who_are_not_staff_are_sent_to_the_login_too(self):
        self.client.force_login(make_user("alice"))
        response = self.client.get(CHANGELIST)
        self.assertRedirects(response, f"/admin/login/?next={CHANGELIST}")


class SuperuserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin")
        alice = make_user("alice")
        cls.django = make_bookmark(alice, title="Django", tags=["python"])
        cls.secret = make_bookmark(
            alice, title="Secret", url="https://secret.example/", private=True
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def test_changelist_shows_every_bookmark_with_its_owner(self):
        response = self.client.get(CHANGELIST)
        self.assertContains(response, "Django")
        self.assertContains(response, "Secret")  # the admin sees private ones
        self.assertContains(response, "alice")

    def test_search_looks_at_the_url_too(self):
        response = self.client.get(CHANGELIST, {"q": "secret.example"})
        self.assertEqual(list(response.context["cl"].result_list), [self.secret])

    def test_filters(self):
        tag = Tag.objects.get(name="python")
        response = self.client.get(CHANGELIST, {"tags__id__exact": tag.id})
        self.assertEqual(list(response.context["cl"].result_list), [self.django])
        response = self.client.get(CHANGELIST, {"private__exact": "1"})
        self.assertEqual(list(response.context["cl"].result_list), [self.secret])

    def test_make_private_action(self):
        data = {"action": "make_private", "_selected_action": [self.django.pk]}
        response = self.client.post(CHANGELIST, data, follow=True)
        self.assertContains(response, "1 bookmark(s) made private.")
        self.django.refresh_from_db()
        self.assertTrue(self.django.private)

    def test_make_public_action(self):
        data = {"action": "make_public", "_selected_action": [self.secret.pk]}
        self.client.post(CHANGELIST, data)
        self.assertFalse(Bookmark.objects.get(pk=self.secret.pk).private)

    def test_the_admin_form_rejects_javascript_urls(self):
        data = {
            "url": "javascript:alert(1)",
            "title": "Bad",
            "owner": self.admin.pk,
            "notes": "",
        }
        response = self.client.post("/admin/bookmarks/bookmark/add/", data)
        self.assertEqual(response.status_code, 200)  # the form again, with errors
        self.assertIn("url", response.context["adminform"].form.errors)
        self.assertFalse(Bookmark.objects.filter(title="Bad").exists())

    def test_tag_list_counts_bookmarks(self):
        response = self.client.get("/admin/bookmarks/tag/")
        self.assertEqual(response.context["cl"].result_list[0].bookmark_count, 1)

    def test_tag_page_has_the_bookmarks_inline(self):
        tag = Tag.objects.get(name="python")
        response = self.client.get(f"/admin/bookmarks/tag/{tag.pk}/change/")
        self.assertContains(response, "Bookmarks with this tag")


class StaffPermissionTests(TestCase):
    """Staff may enter the admin; their permissions decide what they can do."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", is_staff=True)
        cls.editor.user_permissions.add(
            *Permission.objects.filter(
                codename__in=["view_bookmark", "change_bookmark"]
            )
        )
        cls.bookmark = make_bookmark(make_user("alice"), title="Django")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_can_view_and_change_bookmarks(self):
        self.assertEqual(self.client.get(CHANGELIST).status_code, 200)
        page = f"{CHANGELIST}{self.bookmark.pk}/change/"
        self.assertEqual(self.client.get(page).status_code, 200)

    def test_can_use_the_change_actions_but_not_delete(self):
        actions = self.client.get(CHANGELIST).context["action_form"]
        choices = [name for name, _ in actions.fields["action"].choices]
        self.assertIn("make_private", choices)
        self.assertNotIn("delete_selected", choices)

    def test_cannot_add_or_delete_bookmarks(self):
        self.assertEqual(self.client.get(f"{CHANGELIST}add/").status_code, 403)
        page = f"{CHANGELIST}{self.bookmark.pk}/delete/"
        self.assertEqual(self.client.post(page, {"post": "yes"}).status_code, 403)
        self.assertTrue(Bookmark.objects.exists())

    def test_cannot_see_tags_or_users(self):
        self.assertEqual(self.client.get("/admin/bookmarks/tag/").status_code, 403)
        self.assertEqual(self.client.get("/admin/auth/user/").status_code, 403)

    def test_staff_without_permissions_see_an_empty_admin(self):
        self.client.force_login(make_user("intern", is_staff=True))
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["app_list"], [])
        self.assertEqual(self.client.get(CHANGELIST).status_code, 403)
