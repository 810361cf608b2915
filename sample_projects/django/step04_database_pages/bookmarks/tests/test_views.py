from django.test import TestCase

from .factories import make_bookmark, make_user


class ListPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.older = make_bookmark(cls.alice, title="Older", tags=["python"])
        cls.newer = make_bookmark(cls.alice, title="Newer", tags=["python", "web"])
        cls.secret = make_bookmark(
            cls.alice, title="Secret", private=True, tags=["python"]
        )

    def test_index_lists_public_bookmarks_newest_first(self):
        response = self.client.get("/")
        self.assertTemplateUsed(response, "bookmarks/list.html")
        self.assertEqual(list(response.context["page_obj"]), [self.newer, self.older])
        self.assertNotContains(response, "Secret")

    def test_index_shows_tag_counts_of_public_bookmarks(self):
        tags = self.client.get("/").context["tags"]
        self.assertEqual(
            [(t.name, t.num_bookmarks) for t in tags], [("python", 2), ("web", 1)]
        )

    def test_a_page_takes_a_fixed_number_of_queries(self):
        for n in range(10):
            make_bookmark(self.alice, title=f"More {n}", tags=["python"])
        # session-less request: tags, count, bookmarks+owners, their tags
        with self.assertNumQueries(4):
            self.client.get("/")

    def test_tag_page_lists_public_bookmarks_with_the_tag(self):
        response = self.client.get("/tags/web/")
        self.assertEqual(list(response.context["page_obj"]), [self.newer])

    def test_unknown_tag_is_404(self):
        self.assertEqual(self.client.get("/tags/cobol/").status_code, 404)

    def test_user_page(self):
        bob = make_user("bob")
        make_bookmark(bob, title="Bob's")
        response = self.client.get("/users/alice/")
        self.assertEqual(list(response.context["page_obj"]), [self.newer, self.older])
        self.assertContains(response, "Bookmarks by alice")

    def test_user_page_shows_private_bookmarks_to_their_owner_only(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get("/users/alice/"), "Secret")
        self.client.force_login(make_user("bob"))
        self.assertNotContains(self.client.get("/users/alice/"), "Secret")

    def test_unknown_user_is_404(self):
        self.assertEqual(self.client.get("/users/nobody/").status_code, 404)

    def test_search(self):
        response = self.client.get("/search/", {"q": "NEW"})
        self.assertEqual(list(response.context["page_obj"]), [self.newer])

    def test_search_never_shows_private_bookmarks(self):
        self.assertNotContains(self.client.get("/search/?q=secret"), "Secret")

    def test_empty_search_redirects_home(self):
        self.assertRedirects(self.client.get("/search/?q=+"), "/")


class PaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        alice = make_user("alice")
        for n in range(25):
            make_bookmark(alice, title=f"Bookmark {n}")

    def test_20_per_page(self):
        page = self.client.get("/").context["page_obj"]
        self.assertEqual(len(page), 20)
        self.assertEqual(page[0].title, "Bookmark 24")  # the newest
        self.assertEqual(page.paginator.num_pages, 2)

    def test_page_parameter(self):
        response = self.client.get("/?page=2")
        self.assertEqual(len(response.context["page_obj"]), 5)
        self.assertContains(response, 'href="?page=1"')

    def test_a_page_that_does_not_exist_is_404(self):
        for page in ("abc", "0", "3"):
            with self.subTest(page=page):
                response = self.client.get("/", {"page": page})
                self.assertEqual(response.status_code, 404)

    def test_search_pages_keep_the_query(self):
        response = self.client.get("/search/?q=bookmark")
        self.assertContains(response, 'href="?q=bookmark&amp;page=2"')


class DetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.bookmark = make_bookmark(
            cls.alice, title="<b>Bold</b>", notes="line 1\nline 2", tags=["web"]
        )
        cls.secret = make_bookmark(cls.alice, title="Secret", private=True)

    def test_detail(self):
        response = self.client.get(self.bookmark.get_absolute_url())
        self.assertTemplateUsed(response, "bookmarks/detail.html")
        self.assertContains(response, 'href="/tags/web/"')
        self.assertContains(response, 'href="/users/alice/"')
        self.assertContains(response, "line 1<br>line 2")

    def test_text_is_escaped(self):
        response = self.client.get(self.bookmark.get_absolute_url())
        self.assertContains(response, "&lt;b&gt;Bold&lt;/b&gt;")

    def test_unknown_bookmark_is_404(self):
        self.assertEqual(self.client.get("/bookmarks/999/").status_code, 404)

    def test_private_bookmark_is_404_to_others(self):
        self.assertEqual(
            self.client.get(self.secret.get_absolute_url()).status_code, 404
        )

    def test_private_bookmark_is_shown_to_its_owner(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(self.secret.get_absolute_url()), "Private")
