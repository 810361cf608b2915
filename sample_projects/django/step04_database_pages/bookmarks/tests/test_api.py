from django.test import TestCase

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

    def test_filter_by_tag(self):
        data = self.client.get("/api/bookmarks/", {"tag": "python"}).json()
        self.assertEqual([b["title"] for b in data], ["Python"])

    def test_unknown_tag_gives_an_empty_list(self):
        self.assertEqual(self.client.get("/api/bookmarks/?tag=cobol").json(), [])

    def test_the_list_takes_a_fixed_number_of_queries(self):
        for n in range(10):
            make_bookmark(self.alice, title=f"More {n}", tags=["python", "web"])
        # the bookmarks with their owners (a JOIN), and all their tags
        with self.assertNumQueries(2):
            self.client.get("/api/bookmarks/")
