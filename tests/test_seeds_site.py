"""The site built from the shipped seeds, read in headless Chromium: the four core events, in order, cited."""
from __future__ import annotations

import re

import pytest

from projects import fresh_project, run_cli
from test_browser import CHROMIUM, TARGET_BACKGROUND, browser, reader, server, sync_api  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """`timeline build` on a fresh copy of the repository's seeds, as the README's first command does."""
    project = fresh_project(tmp_path_factory.mktemp("seeds") / "project")
    run_cli(project, "build")
    return project / "site"


def _event_titles(page):
    return page.locator("h3.tl-event__title").evaluate_all(
        "els => els.map(e => [e.id, e.closest('.tl-event').querySelector('.tl-event__when').textContent.trim(), e.textContent.trim()])")


def test_the_four_core_events_in_date_order(reader):
    page = reader.open("timelines/nato-and-germany/")
    events = _event_titles(page)
    text = [t for _, _, t in events]
    dates = [d for _, d, _ in events]

    def position(*words):
        found = [i for i, t in enumerate(text) if all(w in t for w in words)]
        assert found, f"no event with {words} in {text}"
        return found[0]

    extension = position("Stoltenberg", "extended")
    backing = position("Scholz supports", "Rutte")
    visit_2024 = position("Rutte", "Berlin")
    visit_2025 = position("Rutte", "visit to Berlin")
    assert extension < backing < visit_2024 < visit_2025
    assert "4 November 2024" in dates[visit_2024] and "11 December 2025" in dates[visit_2025]
    assert "2023" in dates[extension] and "uncertain" in dates[extension]
    assert reader.errors == []


def test_citation_of_the_2024_visit_lands_on_the_quoted_sentence(reader):
    page = reader.open("timelines/rutte-visits-germany/")
    event = page.locator(".tl-event", has=page.locator("h3", has_text="Berlin")).first
    links = event.locator("a.tl-citation__source[href*='#q-']")
    assert links.count() >= 3, "the 2024 visit cites the three articles that report it"
    quote = links.first.get_attribute("title")
    links.first.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#q-[0-9a-f]{12}$"))
    mark = page.locator("mark:target")
    sync_api.expect(mark).to_be_in_viewport()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == TARGET_BACKGROUND
    assert " ".join(mark.inner_text().split()) in " ".join(quote.split())
    assert reader.errors == []


def test_actor_page_lists_mark_ruttes_events(reader):
    page = reader.open("actors/mark-rutte/")
    titles = " ".join(page.locator("main").inner_text().split())
    assert "Berlin" in titles and "nomination" in titles
    assert reader.errors == []


def test_search_finds_the_visit_by_a_word_of_its_title(reader):
    page = reader.open("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("significant", delay=30)
    result = page.locator(".md-search-result__item", has_text="visit to Berlin").first
    sync_api.expect(result).to_be_visible(timeout=15_000)
    assert page.locator(".md-search-result__link[href*='#2025-12-11']").count() >= 1
    assert reader.errors == []
