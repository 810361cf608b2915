def test_list_is_json(client):
    response = client.get("/api/bookmarks/")
    assert response.status_code == 200
    assert response.is_json
    titles = [b["title"] for b in response.get_json()]
    assert "Flask documentation" in titles


def test_filter_by_tag(client):
    bookmarks = client.get("/api/bookmarks/?tag=web").get_json()
    assert bookmarks
    assert all("web" in b["tags"] for b in bookmarks)


def test_unknown_tag_gives_an_empty_list(client):
    assert client.get("/api/bookmarks/?tag=cobol").get_json() == []
