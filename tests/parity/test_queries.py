"""Q1: list pages and the API run a fixed number of SQL queries (no N+1)."""

from __future__ import annotations

import pytest

# A generous ceiling: each app's own tests pin its exact numbers.
MOST_QUERIES = 8


def queries_for(app_under_test, visitor, path: str) -> int:
    with app_under_test.count_queries() as statements:
        response = visitor.get(path)
    assert response.status_code == 200, f"GET {path}: {response.status_code}"
    return len(statements)


@pytest.mark.since(4)
def test_list_pages_and_api_run_a_fixed_number_of_queries(
    app_under_test, author, browser, label
):
    authors = [author() for _ in range(3)]
    paths = ["/", "/tags/common/", "/search/?q=item", "/api/bookmarks/"]

    def make(count: int) -> None:
        for n in range(count):
            writer = authors[n % len(authors)]
            writer.add_bookmark(title=f"item {n}", tags=f"common, t{n}, u{n}")

    make(2)
    if authors[0].username:  # from step 06 each author is a user of their own
        paths.append(f"/users/{authors[0].username}/")
    few = {path: queries_for(app_under_test, browser(), path) for path in paths}
    make(20)
    many = {path: queries_for(app_under_test, browser(), path) for path in paths}
    assert many == few, f"[{label}] Q1: queries grow with the page: {few} → {many}"
    worst = max(many.values())
    assert worst <= MOST_QUERIES, f"[{label}] Q1: {many}"
