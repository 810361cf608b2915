def test_pages_extend_the_base_template(client):
    response = client.get("/")
    assert b"<title>Latest bookmarks \xc2\xb7 Bookmarks</title>" in response.data
    assert b'href="/static/style.css"' in response.data


def test_static_files_are_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
