"""Ingest on the five shipped seeds, and on other plain-text shapes: clean text, metadata and how each date was found."""
from __future__ import annotations

from pathlib import Path

import yaml

from builder.sources import load_sources
from projects import fresh_project, run_cli


def _ingested(tmp_path, **articles: str):
    """A fresh project with these articles (file name: text) in seeds/, ingested by the CLI; (project, record by input)."""
    project = fresh_project(tmp_path / "project")
    for name, text in articles.items():
        (project / "seeds" / name).write_text(text)
    run_cli(project, "ingest", *(f"seeds/{name}" for name in articles))
    return project, {s.input: s for s in load_sources(project / "content" / "sources").values()}


def _by_seed(project):
    return {s.input.split("/")[-1][:3]: s for s in load_sources(project / "content" / "sources").values()}


def test_metadata_of_each_seed(seeds_built):
    seeds = _by_seed(seeds_built)
    assert seeds["000"].title == "Olaf Scholz meets NATO chief Rutte in Berlin"
    assert seeds["000"].url == "https://p.dw.com/p/4mYYo"  # recovered from the proxied address
    assert seeds["000"].publisher == "DW"
    assert (seeds["000"].published, seeds["000"].published_from) == ("2024-11-04", "dateline")
    assert (seeds["001"].published, seeds["001"].published_from) == ("2024-11-04", "header")
    assert (seeds["003"].published, seeds["003"].published_from) == ("2025-12-12", "dateline")
    for undated in ("002", "004"):
        assert seeds[undated].published is None and seeds[undated].published_from == "unknown"


def test_versions_of_one_page_are_recognized(seeds_built):
    seeds = _by_seed(seeds_built)
    assert seeds["001"].version_of == seeds["000"].id or seeds["000"].version_of == seeds["001"].id


def test_boilerplate_removed_and_captions_kept_apart(seeds_built):
    seeds = _by_seed(seeds_built)
    for source in seeds.values():
        assert "Skip to content" not in source.text and "Spread the love" not in source.text
        assert "picture alliance" not in source.text
    assert any("Ebrahim Noroozi" in c for c in seeds["000"].captions)
    assert "I have been working in the news industry" not in seeds["004"].text


def test_undated_article_gets_an_uncertain_inferred_date_with_evidence(seeds_built):
    source = _by_seed(seeds_built)["004"]
    assert source.published_inferred and "?" in source.published_inferred
    assert source.published_inferred.startswith("2024")
    assert source.inferred_evidence and all(e in source.text for e in source.inferred_evidence)
    assert _by_seed(seeds_built)["002"].published_inferred is None


def test_a_plain_header_of_key_value_lines_is_the_articles_metadata(tmp_path):
    _, sources = _ingested(tmp_path, **{"wire.txt":
        "Title: Ukraine and Russia agree to prisoner swap after talks in Istanbul\nPublished: May 17, 2025\n"
        "Publisher: Example Wire\nURL: https://wire.example/swap\n\n"
        "ISTANBUL (AP) — Ukrainian and Russian delegations agreed on Friday to exchange 1,000 prisoners of war each, "
        "Ukrainian Defense Minister Rustem Umerov said.\n"})
    source = sources["seeds/wire.txt"]
    assert (source.title, source.publisher, source.url) == (
        "Ukraine and Russia agree to prisoner swap after talks in Istanbul", "Example Wire", "https://wire.example/swap")
    assert (source.published, source.published_from) == ("2025-05-17", "header")
    assert source.text.startswith("ISTANBUL (AP) — Ukrainian and Russian delegations")


def test_a_byline_with_the_date_dates_a_markdown_or_html_article_and_leaves_its_text(tmp_path):
    project, sources = _ingested(tmp_path, **{
        "schools.md": "# Springfield schools reopen\n\n*September 8, 2021* · Springfield Gazette\n\n"
                      "Springfield public schools reopened on Tuesday for the first time since March 2020, "
                      "Superintendent Karen Mills said.\n",
        "budget.html": "<html><head><title>Council approves budget</title></head><body><article><h1>Council approves budget</h1>"
                       "<p>By Dana Reyes | June 30, 2021 7:12 AM</p>"
                       "<p>SPRINGFIELD — The City Council approved a $2.1 billion budget early Wednesday after a 14-hour "
                       "session, Mayor Linda Hart said on the steps of City Hall.</p>"
                       "<p>The budget adds 120 police officers and restores library hours that were cut in 2020, the mayor "
                       "said.</p></article></body></html>"})
    schools, budget = sources["seeds/schools.md"], sources["seeds/budget.html"]
    assert (schools.published, schools.published_from) == ("2021-09-08", "dateline")
    assert schools.text.startswith("Springfield public schools reopened on Tuesday")
    assert (budget.published, budget.published_from) == ("2021-06-30", "dateline")
    assert budget.text.startswith("SPRINGFIELD — The City Council")
    run_cli(project, "extract")
    assert "date: '2021-09-07'" in (project / "timelines" / "nato-and-germany.yml").read_text()  # "on Tuesday"


def test_a_wire_story_with_a_byline_and_an_updated_line_keeps_its_headline_date_and_service(tmp_path):
    _, sources = _ingested(tmp_path, **{"cnn.txt":
        "Former Trump Organization CFO Allen Weisselberg sentenced to 5 months in jail\n\n"
        "By Jane Doe, CNN\nUpdated 4:12 PM EST, Tue January 10, 2023\n\n"
        "NEW YORK (CNN) — Allen Weisselberg, the former chief financial officer of the Trump Organization, was "
        "sentenced Tuesday to five months in jail for his role in a 15-year tax fraud scheme at the company.\n"})
    source = sources["seeds/cnn.txt"]
    assert source.title == "Former Trump Organization CFO Allen Weisselberg sentenced to 5 months in jail"
    assert (source.published, source.published_from, source.publisher) == ("2023-01-10", "dateline", "CNN")
    assert source.text.startswith("NEW YORK (CNN) — Allen Weisselberg")


def test_a_wikis_reference_marks_leave_the_text_so_its_sentences_end_where_they_do(tmp_path):
    project, sources = _ingested(tmp_path, **{"wiki.md":
        "---\ntitle: Jacinda Ardern\ndate: 2023-04-05\n---\n\n"
        "Ardern was elected leader of the Labour Party on 1 August 2017.[2] On 19 October 2017, New Zealand First "
        "leader Winston Peters announced a coalition with Labour.[3][a] She was sworn in on 26 October 2017.[citation needed]\n"})
    source = sources["seeds/wiki.md"]
    assert source.text == ("Ardern was elected leader of the Labour Party on 1 August 2017. On 19 October 2017, New Zealand "
                           "First leader Winston Peters announced a coalition with Labour. She was sworn in on 26 October 2017.")
    run_cli(project, "extract")
    timeline = (project / "timelines" / "nato-and-germany.yml").read_text()
    assert "date: '2017-08-01'" in timeline and "date: '2017-10-19'" in timeline


def test_a_papers_name_between_the_headline_and_the_date_is_its_publisher(tmp_path):
    _, sources = _ingested(tmp_path, **{"vote.txt":
        "What to know about Ohio's early voting\nBy Priya Natarajan\nColumbus Dispatch\nOct. 10, 2024\n\n"
        "COLUMBUS, Ohio — Early in-person voting began Tuesday across Ohio and runs through Nov. 3, two days "
        "before Election Day on Nov. 5.\n"})
    source = sources["seeds/vote.txt"]
    assert (source.title, source.publisher, source.published) == (
        "What to know about Ohio's early voting", "Columbus Dispatch", "2024-10-10")
    assert source.text.startswith("COLUMBUS, Ohio — Early in-person voting")


def test_a_copied_page_keeps_its_headline_over_its_standfirst_and_author_and_drops_its_links(tmp_path):
    _, sources = _ingested(tmp_path, **{"copy.txt":
        "UK politics\nStarmer sets out plan for 1.5m homes by 2029\n"
        "Prime minister says planning rules will be overhauled as housing targets are restored\n\n"
        "Pippa Crerar Political editor\nThu 12 Dec 2024 19.00 GMT\nShare\n\n"
        "Keir Starmer has promised to build 1.5m homes in England, as the government restored housing targets on "
        "Thursday.\n\nRead more: What Labour's housing plan means for renters\n\n"
        "Labour won a landslide victory in the general election on 4 July.\n\nExplore more on these topics\nHousing\n"})
    source = sources["seeds/copy.txt"]
    assert (source.title, source.published) == ("Starmer sets out plan for 1.5m homes by 2029", "2024-12-12")
    assert source.text == ("Keir Starmer has promised to build 1.5m homes in England, as the government restored housing "
                           "targets on Thursday.\n\nLabour won a landslide victory in the general election on 4 July.")


def test_a_press_release_is_titled_by_its_headline_under_the_date_not_its_release_line(tmp_path):
    _, sources = _ingested(tmp_path, **{"release.txt":
        "FOR IMMEDIATE RELEASE\n\nJanuary 15, 2025\n\nNORTHWIND ENERGY ANNOUNCES COMPLETION OF LAKE ERIE WIND FARM\n\n"
        "CLEVELAND, Ohio — Northwind Energy Corp. today announced that its wind farm began commercial operation on "
        "January 13, 2025.\n\nMedia Contact:\nSam Ortiz\npress@northwind.example\n"})
    source = sources["seeds/release.txt"]
    assert (source.title, source.published) == ("NORTHWIND ENERGY ANNOUNCES COMPLETION OF LAKE ERIE WIND FARM", "2025-01-15")
    assert source.text == ("CLEVELAND, Ohio — Northwind Energy Corp. today announced that its wind farm began commercial "
                           "operation on January 13, 2025.")


def _catch_all(project) -> list[dict]:
    """The events `timeline extract` wrote into the catch-all timeline."""
    run_cli(project, "extract")
    return yaml.safe_load((project / "timelines" / "nato-and-germany.yml").read_text())["events"]


def test_a_chronology_pages_list_gives_an_event_for_each_dated_item_whoever_it_names(tmp_path):
    items = "".join(f"<li><strong>{date}</strong> – {what}</li>" for date, what in [
        ("1802", "French engineer Albert Mathieu-Favier proposes a tunnel lit by oil lamps."),
        ("December 1, 1990", "British and French workers meet under the Channel for the first time."),
        ("November 1996", "A fire on a freight shuttle closes the tunnel for weeks.")])
    project, sources = _ingested(tmp_path, **{"chronology.html":
        "<html><head><title>Timeline: The Channel Tunnel</title>"
        "<meta property='article:published_time' content='2024-05-06'></head><body><article>"
        "<h1>Timeline: The Channel Tunnel</h1><p>The Channel Tunnel turns 30 this week. Here are the key moments "
        f"in its history, from the first plans to the fire.</p><ul>{items}</ul></article></body></html>"})
    assert "\n- 1802 – French engineer" in sources["seeds/chronology.html"].text  # the page's list stays a list
    events = _catch_all(project)
    assert [(e["date"], e["title"], e["citations"][0]["quote"][:12]) for e in events] == [
        ("1802", "French engineer Albert Mathieu-Favier proposes a tunnel lit by oil lamps", "1802 – Frenc"),
        ("1990-12-01", "British and French workers meet under the Channel for the first time", "December 1, "),
        ("1996-11", "A fire on a freight shuttle closes the tunnel for weeks", "November 199")]


def test_key_points_listed_without_periods_are_sentences(tmp_path):
    project, sources = _ingested(tmp_path, **{"storm.md":
        "# Storm Bert: trains cancelled across Wales\n\n*Published 23 November 2024 by the Cardiff Courier*\n\n"
        "Key points:\n\n- All trains in Wales were cancelled on Saturday\n"
        "- Natural Resources Wales issued 12 flood warnings on Friday night\n\n"
        "Rail services are expected to resume when the lines have been checked.\n"})
    assert ("\n\n- All trains in Wales were cancelled on Saturday\n\n- Natural Resources Wales issued 12 flood warnings "
            "on Friday night\n\n") in sources["seeds/storm.md"].text
    assert [(e["date"], e["title"], e.get("actors")) for e in _catch_all(project)] == [
        ("2024-11-22", "Natural Resources Wales issued 12 flood warnings", None),
        ("2024-11-23", "All trains in Wales were cancelled", None)]


def test_a_wire_storys_dateline_dates_the_report_but_no_event(tmp_path):
    project, sources = _ingested(tmp_path, **{"wire.txt":
        "Acme Robotics to open Texas plant\n\nBy Jo Smith\n\n"
        "AUSTIN, Texas, March 4, 2025 (Reuters) - Acme Robotics Inc said on Monday it would open a factory near "
        "Austin, its first outside California.\n"})
    source = sources["seeds/wire.txt"]
    assert (source.published, source.published_from, source.publisher) == ("2025-03-04", "dateline", "Reuters")
    assert [(e["date"], e["title"]) for e in _catch_all(project)] == [
        ("2025-03-03", "Acme Robotics Inc said it would open a factory near Austin")]


def test_an_article_not_in_english_is_recorded_with_its_language_and_left_out_of_extraction(tmp_path):
    project, sources = _ingested(tmp_path, **{
        "de.txt": "Rutte besucht Berlin\n\nBerlin – NATO-Generalsekretär Mark Rutte hat am Donnerstag Bundeskanzler "
                  "Friedrich Merz im Kanzleramt getroffen. Im März 2026 soll ein weiteres Treffen in Brüssel stattfinden. "
                  "Rutte war von 2010 bis 2024 Ministerpräsident der Niederlande.\n",
        "fr.txt": "Rutte à Berlin\n\nLe secrétaire général de l'OTAN, Mark Rutte, a rencontré jeudi le chancelier "
                  "Friedrich Merz à Berlin. Une nouvelle réunion est prévue à Bruxelles en mars 2026, selon "
                  "plusieurs sources proches du dossier.\n",
        "en.txt": "Rutte in Berlin\n\nPublished December 12, 2025\n\nNATO Secretary General Mark Rutte met Chancellor "
                  "Friedrich Merz in Berlin on Thursday, and the two will meet again in Brussels in March.\n"})
    assert [sources[f"seeds/{name}.txt"].language for name in ("de", "fr", "en")] == ["de", "fr", "en"]
    result = run_cli(project, "extract")
    assert "2 article(s) not in English left out (the tagger reads English only): seeds/de.txt (de), seeds/fr.txt (fr)" \
        in result.stdout
    events = yaml.safe_load((project / "timelines" / "nato-and-germany.yml").read_text())["events"]
    assert {c["source"] for e in events for c in e["citations"]} == {sources["seeds/en.txt"].id}


def test_a_saved_wikipedia_page_keeps_its_article_without_edit_marks_or_references(tmp_path):
    wiki = (Path(__file__).parent / "data" / "wiki.html").read_text()
    project, sources = _ingested(tmp_path, **{"wiki.html": wiki})
    source = sources["seeds/wiki.html"]
    assert (source.title, source.publisher) == ("Elm Street Bridge", "Wikipedia")
    assert source.text == (
        "The Elm Street Bridge is a steel truss bridge over the Kennebec River in Augusta, Maine. It opened on June 3, "
        "1932.\n\nHistory\n\nThe Maine Department of Transportation closed the bridge to traffic in March 2019 after "
        "inspectors found corroded beams. A $14 million renovation began in the spring of 2021, and the bridge "
        "reopened on September 12, 2023.")
    assert [(e["date"], e["title"], e.get("tags")) for e in _catch_all(project)] == [
        ("1932-06-03", "Elm Street Bridge opened", ["Elm Street Bridge"]),
        ("2019-03", "The Maine Department of Transportation closed the bridge to traffic after inspectors found "
                    "corroded beams", ["Maine", "Maine Department of Transportation"]),
        ("2021-21", "A $14 million renovation began", None),
        ("2023-09-12", "The bridge reopened", None)]


def _page(head: str, byline: str = "", title: str = "Council approves budget") -> str:
    """A news page with this in its <head> (and this line under its headline, this <title>)."""
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>Council approves "
            f"budget</h1>{byline}<p>SPRINGFIELD — The City Council approved a $2.1 billion budget early Wednesday "
            "after a 14-hour session, Mayor Linda Hart said on the steps of City Hall.</p><p>The budget adds 120 "
            "police officers and restores library hours that were cut in 2020, the mayor said.</p></article></body></html>")


def _each(tmp_path, articles: dict[str, tuple[str, object]], read) -> tuple[dict, dict]:
    """Ingest {name: (article, expected)}: ({name: read(its record)}, {name: expected}), to compare."""
    _, sources = _ingested(tmp_path, **{name: text for name, (text, _) in articles.items()})
    return {name: read(sources[f"seeds/{name}"]) for name in articles}, {name: want for name, (_, want) in articles.items()}


def _dated(source) -> tuple:
    return source.published, source.published_from


def test_a_pages_metadata_dates_it_only_with_a_day_the_page_states(tmp_path):
    impossible = '<meta property="article:published_time" content="2025-02-30T10:00:00Z">'
    pages = {  # name: (page, the publication date and where it was found)
        "impossible.html": (_page(impossible), (None, "unknown")),  # htmldate made it 2025-02-01
        "json-ld.html": (_page(impossible + '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
                                            '"datePublished": "2025-03-02T09:00:00-05:00"}]}</script>'), ("2025-03-02", "html-meta")),
        "byline.html": (_page(impossible, "<p>By Dana Reyes | March 4, 2025</p>"), ("2025-03-04", "dateline")),
        "itemprop.html": (_page('<meta itemprop="datePublished" content="2025-03-05">'), ("2025-03-05", "html-meta")),
        "time.html": (_page("", '<p><time pubdate datetime="2025-03-06T08:00">Thursday</time></p>'), ("2025-03-06", "html-meta")),
        "month.html": (_page('<meta property="article:published_time" content="2025-02">'), (None, "unknown")),  # was today's day
        "copyright.html": (_page('<meta itemprop="copyrightYear" content="2023">'), (None, "unknown")),  # was 2023-01-01
        "bad-time.html": (_page("", '<p><time datetime="2025-02-30">Feb 30</time></p>'), (None, "unknown")),
    }
    found, expected = _each(tmp_path, pages, _dated)
    assert found == expected


RELEASE_BODY = ("Acme Corp. (NYSE: ACME) today announced that its plant in Toledo, Ohio, opened on February 14, 2025.\n\n"
                "About Acme\n\nAcme Corp. makes industrial widgets. It was founded in 1950 and is based in New York.\n\n")


def test_a_press_release_is_dated_and_published_by_its_wire_and_ends_before_its_legal_notice_and_contacts(tmp_path):
    headline = "Acme Corp. Opens Toledo Plant\n\n"
    _, sources = _ingested(tmp_path, **{
        "prnewswire.txt": headline + "NEW YORK, March 3, 2025 /PRNewswire/ -- " + RELEASE_BODY
                          + "Forward-Looking Statements\n\nThis press release contains forward-looking statements.\n\n"
                            "Media Contact:\nSam Ortiz\n\nSOURCE Acme Corp.\n",
        "globenewswire.txt": headline + "NEW YORK, March 03, 2025 (GLOBE NEWSWIRE) -- " + RELEASE_BODY
                             + "Safe Harbor Statement\n\nActual results may differ materially.\n\nContacts\n\nKim Lee\n",
        "businesswire.txt": headline + "March 3, 2025 08:00 AM Eastern Standard Time\n\nSAN FRANCISCO--(BUSINESS WIRE)--"
                            + RELEASE_BODY + "Cautionary Note Regarding Forward-Looking Statements\n\nActual results may "
                                             "differ.\n\nInvestor Contacts\n\nDana Cho\n",
        "provided.txt": headline + "News provided by\n\nAcme Corp.\n\nMar 03, 2025, 16:05 ET\n\n"
                        "NEW YORK, March 3, 2025 /PRNewswire/ -- " + RELEASE_BODY + "Media Contacts\n\nSam Ortiz\n"})
    wires = {"prnewswire": "PR Newswire", "globenewswire": "GlobeNewswire", "businesswire": "Business Wire",
             "provided": "PR Newswire"}
    for name, wire in wires.items():
        source = sources[f"seeds/{name}.txt"]
        assert (source.title, source.published, source.published_from, source.publisher) == (
            "Acme Corp. Opens Toledo Plant", "2025-03-03", "dateline", wire), name
        assert source.text.endswith("About Acme\n\nAcme Corp. makes industrial widgets. It was founded in 1950 and is "
                                    "based in New York."), name


def test_a_date_in_the_pages_address_dates_it_when_nothing_the_page_states_does(tmp_path):
    def link(url: str) -> str:
        return f'<link rel="canonical" href="{url}">'

    pages = {  # name: (page, the publication date and where it was found)
        "words.html": (_page(link("https://www.theguardian.com/uk-news/2023/jun/14/council-budget")), ("2023-06-14", "url")),
        "figures.html": (_page(link("https://news.example/2024/03/05/council-budget/")), ("2024-03-05", "url")),
        "eight.html": (_page('<meta property="og:url" content="https://news.example/local/council-budget-20240306.html">'),
                       ("2024-03-06", "url")),
        "segment.html": (_page(link("https://news.example/20240307/council-budget")), ("2024-03-07", "url")),
        "no-day.html": (_page(link("https://news.example/item/20241399/council-budget")), (None, "unknown")),
        # the page's own metadata wins over its address (htmldate took the address's first)
        "stated.html": (_page(link("https://news.example/2024/03/05/council-budget/")
                              + '<meta property="article:published_time" content="2024-03-04T22:00:00-05:00">'),
                        ("2024-03-04", "html-meta")),
        "header.txt": ("Title: Council approves budget\nURL: https://news.example/2024-03-08/council-budget\n\n"
                       "The City Council approved a $2.1 billion budget early Wednesday, Mayor Linda Hart said.\n",
                       ("2024-03-08", "url")),
    }
    found, expected = _each(tmp_path, pages, _dated)
    assert found == expected


def test_a_pages_publisher_is_the_site_name_its_title_ends_with_before_its_domain(tmp_path):
    def page(title: str, head: str = "") -> str:
        return _page(f'<link rel="canonical" href="https://www.riverside-herald.example/local/budget">{head}', title=title)

    pages = {
        "dash.html": (page("Council approves budget - Riverside Herald"), "Riverside Herald"),
        "bar.html": (page("Council approves budget | The Evening Ledger"), "The Evening Ledger"),
        "stated.html": (page("Council approves budget | The Evening Ledger",
                             '<meta property="og:site_name" content="Riverside Herald">'), "Riverside Herald"),
        "bare.html": (page("Council approves budget"), "riverside-herald.example"),
    }
    found, expected = _each(tmp_path, pages, lambda source: (source.publisher, source.title))
    assert found == {name: (publisher, "Council approves budget") for name, publisher in expected.items()}


def test_script_and_style_in_a_pages_headline_or_caption_are_no_part_of_its_record(tmp_path):
    project, sources = _ingested(tmp_path, **{"hearing.html":
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Council sets hearing - Ashford Daily</title>"
        "<meta property='article:published_time' content='2025-03-28T10:00:00-04:00'></head><body><article>"
        "<h1>Council sets hearing on stadium <script>alert(2)</script><style>h1{color:red}</style> referendum</h1>"
        "<figure><img src='a.jpg'><figcaption>Council chamber<script>track()</script></figcaption></figure>"
        "<p>The Ashford City Council on Thursday scheduled a hearing on April 8 about a new referendum petition, "
        "council clerk Dana Moss said.</p>"
        "<p>Councilmember Tom Reyes said on Thursday that the petition had gathered 4,000 signatures.</p>"
        "</article></body></html>"})
    source = sources["seeds/hearing.html"]
    assert (source.id, source.title) == ("2025-03-28-council-sets-hearing-on-stadium-referendum",
                                         "Council sets hearing on stadium referendum")
    assert source.captions == ["Council chamber"]
    record = (project / "content" / "sources" / f"{source.id}.md").read_text()
    assert "alert" not in record and "color:red" not in record and "track()" not in record


def test_a_date_line_under_a_pages_headline_dates_it_as_in_a_text_file(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>Jury finds former treasurer guilty - Bellmont Gazette</title>"
            "</head><body><div class='story'><h1>Jury finds former treasurer guilty</h1><div class='byline'>{byline}</div>"
            "<p>A Hale County jury on Friday found Gary Whitcomb, the former town treasurer, guilty of all 14 counts "
            "of stealing $1.2 million from the town's sewer fund.</p><p>Judge Howard Tate revoked Whitcomb's bail and "
            "ordered him held until sentencing, which he set for May 9.</p></div></body></html>")
    _, sources = _ingested(tmp_path, **{
        "verdict.html": page.format(byline="Updated 4:12 PM EST, Tue January 10, 2023"),
        "verdict2.html": page.format(byline="Carla Nguyen · Updated 6:45 PM EDT, Fri March 21, 2025")})
    for name, day in (("verdict.html", "2023-01-10"), ("verdict2.html", "2025-03-21")):
        source = sources[f"seeds/{name}"]
        assert (source.published, source.published_from) == (day, "dateline"), name
        assert source.text.startswith("A Hale County jury on Friday"), name


def test_a_papers_name_under_the_date_line_is_its_publisher(tmp_path):
    _, sources = _ingested(tmp_path, **{"charged.txt":
        "Former Bellmont treasurer charged with embezzling $1.2 million\n\n"
        "By Carla Nguyen, Staff Writer | September 9, 2024\n\nBellmont Gazette\n\n"
        "BELLMONT — The former treasurer of the town of Bellmont was charged on Monday with stealing more than "
        "$1.2 million from town accounts over six years, prosecutors said.\n"})
    source = sources["seeds/charged.txt"]
    assert (source.title, source.publisher, source.published) == (
        "Former Bellmont treasurer charged with embezzling $1.2 million", "Bellmont Gazette", "2024-09-09")
    assert source.text.startswith("BELLMONT — The former treasurer")
