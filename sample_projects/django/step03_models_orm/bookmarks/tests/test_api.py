from django.test import SimpleTestCase


class ApiTests(SimpleTestCase):
    def test_list_is_json(self):
        response = self.client.get("/api/bookmarks/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        titles = [b["title"] for b in response.json()]
        self.assertIn("Flask documentation", titles)

    def test_filter_by_tag(self):
        bookmarks = self.client.get("/api/bookmarks/", {"tag": "web"}).json()
        self.assertEqual(len(bookmarks), 2)
        for bookmark in bookmarks:
            self.assertIn("web", bookmark["tags"])

    def test_unknown_tag_gives_an_empty_list(self):
        self.assertEqual(self.client.get("/api/bookmarks/?tag=cobol").json(), [])
