from datetime import datetime
from unittest import mock

from django.test import Client, TestCase

from .factories import make_bookmark, make_user


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user("alice")
        cls.python = make_bookmark(
            cls.alice, title="Python", notes="Docs", tags=["python", "docs"]
        )
        cls.web = make_bookmark(cls.alice, title="Web", tags=["web"])
        make_bookmark(cls.alice, title="Secret", private=True, tags=["python"])

    def test_public_bookmarks_newest_first(self):
        response = self.client.get("/api/bookmarks/")
        self.assertEqual(response["Content-Type"], "application/json")
        titles = [b["title"] for b in response.json()]
        self.assertEqual(titles, ["Web", "Python"])

    def test_fields(self):
        data = self.client.get("/api/bookmarks/").json()[1]
        self.assertEqual(
            data,
            {
                "id": self.python.id,
                "url": "https://example.com/",
                "title": "Python",
                "notes": "Docs",
                "tags": ["docs", "python"],
                "owner": "alice",
                "created_at": self.python.created_at.isoformat(),
            },
        )

    def test_created_at_is_iso_8601_with_a_time_zone(self):
        data = self.client.get("/api/bookmarks/").json()[0]
        created_at = datetime.fromisoformat(data["created_at"])
        self.assertEqual(created_at, self.web.created_at)
        self.assertIsNotNone(created_at.tzinfo)

    def test_filter_by_tag(self):
        data = self.client.get("/api/bookmarks/", {"tag": "python"}).json()
        self.assertEqual([b["title"] for b in data], ["Python"])

    def test_unknown_tag_gives_an_empty_list(self):
        self.assertEqual(self.client.get("/api/bookmarks/?tag=cobol").json(), [])

    def test_a_page_takes_a_fixed_number_of_queries(self):
        for n in range(10):
            make_bookmark(self.alice, title=f"More {n}", tags=["python", "web"])
        # count, the page of bookmarks with their owners, and all their tags
        with self.assertNumQueries(3):
            self.client.get("/api/bookmarks/")


class ApiErrorTests(TestCase):
    """Every error under /api/ is JSON, whichever part of Django answers."""

    def assertJsonError(self, response, status):
        self.assertEqual(response.status_code, status)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("error", response.json())

    def test_unknown_api_path_is_a_json_404(self):
        self.assertJsonError(self.client.get("/api/no-such-thing/"), 404)

    def test_a_wrong_method_is_a_json_405(self):
        response = self.client.post("/api/bookmarks/")
        self.assertJsonError(response, 405)
        self.assertEqual(response["Allow"], "GET, HEAD")

    def test_a_crash_is_a_json_500(self):
        client = Client(raise_request_exception=False)
        with mock.patch("bookmarks.api.Bookmark.objects.public", side_effect=OSError):
            self.assertJsonError(client.get("/api/bookmarks/"), 500)

    def test_an_unknown_host_is_a_json_400(self):
        self.assertJsonError(self.client.get("/api/bookmarks/", HTTP_HOST="evil"), 400)

    def test_site_pages_keep_their_html_errors(self):
        response = self.client.get("/no/such/page/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(response["Content-Type"].startswith("text/html"))


class ApiPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        alice = make_user("alice")
        for n in range(25):
            make_bookmark(alice, title=f"Bookmark {n}", tags=["many"])

    def test_20_per_page_with_a_link_to_the_next(self):
        response = self.client.get("/api/bookmarks/")
        self.assertEqual(len(response.json()), 20)
        self.assertEqual(response["Link"], '</api/bookmarks/?page=2>; rel="next"')

    def test_the_last_page_links_back(self):
        response = self.client.get("/api/bookmarks/?page=2")
        self.assertEqual(len(response.json()), 5)
        self.assertEqual(response["Link"], '</api/bookmarks/?page=1>; rel="prev"')

    def test_links_keep_the_tag_filter(self):
        response = self.client.get("/api/bookmarks/?tag=many")
        self.assertEqual(
            response["Link"], '</api/bookmarks/?tag=many&page=2>; rel="next"'
        )

    def test_one_page_has_no_links(self):
        response = self.client.get("/api/bookmarks/?tag=cobol")
        self.assertNotIn("Link", response)

    def test_a_page_that_does_not_exist_is_a_json_404(self):
        for page in ("3", "0", "two"):
            with self.subTest(page=page):
                response = self.client.get("/api/bookmarks/", {"page": page})
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"error": "Not Found"})
