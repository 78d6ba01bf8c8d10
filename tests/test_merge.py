"""Hand edits survive regeneration: each kind of edit an editor makes, on the seeds, then many at random."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from builder.merge import merge_timelines
from builder.pipeline import Project, extract_all, source_order
from builder.group import group_mentions
from builder.sources import load_sources
from projects import events_by_id, fresh_project, run_cli, snapshot

RT = YAML()


def _extract(project):
    """The extract stage in-process (the CLI path is covered elsewhere): fast enough to run many times."""
    p = Project(project)
    sources = load_sources(p.sources)
    mentions = extract_all(sources, p.cache / "extract")
    proposals = group_mentions([m for sid in sorted(mentions) for m in mentions[sid]], source_order(sources))
    return merge_timelines(proposals, p.timelines)


def _load(path):
    return RT.load(path.read_text())


def _save(path, doc):
    with open(path, "w") as handle:
        RT.dump(doc, handle)


def _file(project, name="nato-and-germany"):
    return project / "timelines" / f"{name}.yml"


def test_changed_field_stays_changed_and_is_marked_edited(seeds_project):
    project = seeds_project
    path = _file(project)
    doc = _load(path)
    event = doc["events"][0]
    event["title"] = "An editor's better title"
    event["summary"] = "Written by hand."
    _save(path, doc)
    _extract(project)
    after = events_by_id(project)[event["id"]]
    assert after["title"] == "An editor's better title"
    assert after["summary"] == "Written by hand."
    assert after["provenance"] == "edited"


def test_edit_in_one_timeline_reaches_the_other_copies(seeds_project):
    project = seeds_project
    shared = [e for e in _load(_file(project, "rutte-visits-germany"))["events"]]
    event_id = shared[0]["id"]
    path = _file(project)
    doc = _load(path)
    for event in doc["events"]:
        if event["id"] == event_id:
            event["date"] = "2024-11"
    _save(path, doc)
    _extract(project)
    for name in ("nato-and-germany", "rutte-visits-germany"):
        copy = [e for e in _load(_file(project, name))["events"] if e["id"] == event_id]
        assert [str(e["date"]) for e in copy] == ["2024-11"]


def test_hand_written_event_is_kept_and_marked_manual(seeds_project):
    project = seeds_project
    path = _file(project)
    doc = _load(path)
    doc["events"].append({"id": "2024-12-01-editor-note", "date": "2024-12", "title": "Added by an editor"})
    _save(path, doc)
    _extract(project)
    event = events_by_id(project)["2024-12-01-editor-note"]
    assert event["title"] == "Added by an editor" and event["provenance"] == "manual"


def test_deleted_and_rejected_events_do_not_come_back(seeds_project):
    project = seeds_project
    path = _file(project)
    doc = _load(path)
    deleted = doc["events"].pop(0)["id"]
    doc["events"][0]["status"] = "rejected"
    rejected = doc["events"][0]["id"]
    _save(path, doc)
    _extract(project)
    _extract(project)
    ids = [e["id"] for e in _load(path)["events"]]
    assert deleted not in ids
    assert [e["status"] for e in _load(path)["events"] if e["id"] == rejected] == ["rejected"]


def test_an_event_the_pipeline_withdrew_comes_back_when_proposed_again(tmp_path):
    """An article edited so that it no longer tells an event, then edited back: the event is withdrawn, then
    placed again; one an editor deleted from the file meanwhile stays deleted."""
    project = fresh_project(tmp_path / "project")
    run_cli(project, "ingest")
    _extract(project)
    record = sorted((project / "content" / "sources").glob("2024-11-04-olaf-*.md"))[0]
    original = record.read_text()
    events = {e["id"]: e for e in _load(_file(project))["events"]}
    quotes = {i: {c["quote"] for c in e["citations"] if c["source"] == record.stem} for i, e in events.items()}
    told = [i for i in quotes if quotes[i]]
    quote = sorted(quotes[told[0]])[0]
    told = [told[0]] + [i for i in told[1:] if quote not in quotes[i]]  # the second event keeps its sentence
    assert len(told) >= 2 and quote in original
    record.write_text(original.replace(quote, "The rest is not news."))  # an editor's correction of the record
    report = _extract(project)
    assert told[0] in report.retracted and told[0] not in {e["id"] for e in _load(_file(project))["events"]}
    doc = _load(_file(project))  # meanwhile an editor deletes another event of this article
    doc["events"] = [e for e in doc["events"] if e["id"] != told[1]]
    _save(_file(project), doc)
    record.write_text(original)
    _extract(project)
    ids = {e["id"] for e in _load(_file(project))["events"]}
    assert told[0] in ids and told[1] not in ids


def test_order_and_comments_stay(seeds_project):
    project = seeds_project
    path = _file(project)
    text = path.read_text()
    doc = _load(path)
    doc["events"].reverse()
    _save(path, doc)
    order = [e["id"] for e in _load(path)["events"]]
    text = path.read_text().replace("events:\n", "events:  # reversed on purpose\n# a note between keys\n", 1)
    text = text.replace("  title:", "  # the editor's comment\n  title:", 1)
    path.write_text(text)
    _extract(project)
    after = path.read_text()
    assert "# reversed on purpose" in after and "# a note between keys" in after and "# the editor's comment" in after
    assert [e["id"] for e in _load(path)["events"]] == order


def _two_reports_held_back(tmp_path):
    """A seeds project ingested and extracted without seeds 001 and 002, which wait in incoming/: (project, incoming)."""
    project = fresh_project(tmp_path / "p")
    late = project / "incoming"
    late.mkdir()
    for seed in sorted((project / "seeds").iterdir()):
        if seed.name.startswith(("001", "002")):
            shutil.move(seed, late / seed.name)
    run_cli(project, "ingest")
    _extract(project)
    return project, late


def test_new_article_adds_a_citation_without_undoing_an_edit(tmp_path):
    project, late = _two_reports_held_back(tmp_path)
    path = _file(project, "rutte-visits-germany")
    doc = _load(path)
    visit = next(e for e in doc["events"] if str(e["date"]) == "2024-11-04")
    visit["title"] = "Rutte's first visit to Berlin as NATO chief"
    before = {c["source"] for c in visit["citations"]}
    _save(path, doc)
    run_cli(project, "ingest", str(late))
    _extract(project)
    after = events_by_id(project)[visit["id"]]
    assert after["title"] == "Rutte's first visit to Berlin as NATO chief"
    assert len({c["source"] for c in after["citations"]}) == len(before) + 2


def test_a_comment_above_an_event_stays_when_the_event_before_it_gains_a_citation(tmp_path):
    project, late = _two_reports_held_back(tmp_path)
    path = _file(project, "rutte-visits-germany")
    first, second = _load(path)["events"]
    assert str(first["date"]) == "2024-11-04"
    note = f"# checked by the desk\n- id: {second['id']}\n"
    path.write_text(path.read_text().replace(f"- id: {second['id']}\n", note))
    run_cli(project, "ingest", str(late))
    _extract(project)
    assert len(events_by_id(project)[first["id"]]["citations"]) == len(first["citations"]) + 2
    assert note in path.read_text()


def test_unchanged_inputs_change_no_byte(seeds_project):
    project = seeds_project
    before = snapshot(project / "timelines")
    _extract(project)
    assert snapshot(project / "timelines") == before


def test_random_edits_are_never_lost(seeds_project):
    """Many rounds of random editor actions, each followed by a regeneration: every edit must survive."""
    project = seeds_project
    rng = random.Random(20241104)
    names = ["nato-and-germany", "nato-secretary-general", "rutte-visits-germany"]
    edits: dict[str, dict] = {}  # event id → the latest value the editor gave each field (copies share them)
    removed: set[tuple[str, str]] = set()
    comments: list[tuple[str, str]] = []
    for round_number in range(40):
        name = rng.choice(names)
        path = _file(project, name)
        doc = _load(path)
        events = doc["events"]
        action = rng.choice(["title", "date", "summary", "actors", "delete", "reject", "manual", "reorder", "comment"])
        if not events:
            action = "manual"
        event = rng.choice(events) if events else None
        if action in ("title", "date", "summary", "actors", "reject"):
            key, value = {
                "title": ("title", f"Edited title {round_number}"),
                "date": ("date", rng.choice(["2020", "2021-05", "2022-23", "2019-03-04", "2018?"])),
                "summary": ("summary", f"Summary {round_number} <b>bold</b>"),
                "actors": ("actors", [f"Person {round_number}"]),
                "reject": ("status", "rejected"),
            }[action]
            event[key] = value
            edits.setdefault(event["id"], {})[key] = value
        elif action == "delete":
            events.remove(event)
            removed.add((name, event["id"]))
        elif action == "manual":
            new = {"id": f"manual-{round_number}", "date": "2022", "title": f"Manual {round_number}"}
            events.append(new)
            edits[new["id"]] = {"date": "2022", "title": new["title"]}
        elif action == "reorder":
            rng.shuffle(events)
        _save(path, doc)
        if action == "comment":
            comment = f"# comment {round_number}"
            path.write_text(path.read_text() + comment + "\n")
            comments.append((name, comment))
        order = [e["id"] for e in _load(path)["events"]]

        _extract(project)

        after = {name: _load(_file(project, name))["events"] for name in names}
        kept_order = [i for i in (e["id"] for e in after[name]) if i in order]
        assert kept_order == order, f"round {round_number}: {action} changed the order"
        for timeline, event_id in removed:
            assert event_id not in [e["id"] for e in after[timeline]], f"round {round_number}: deleted {event_id} came back"
        for event_id, fields in edits.items():
            for copy in (e for events in after.values() for e in events if e["id"] == event_id):
                for key, value in fields.items():
                    got = copy.get(key)
                    assert (str(got) if key == "date" else got) == value, f"round {round_number}: {event_id}.{key}"
        for timeline, comment in comments:
            assert comment in _file(project, timeline).read_text()


# --- one small project per case, from short articles: what an editor did and what the next run must keep -----

ARTICLES = {
    "a.txt": """Title: State opens review of Ashford stadium site
Published: 2025-02-03
Publisher: Riverside Herald

The Ohio Environmental Protection Agency opened a formal review of the former Harlow Steel site in Ashford on January 28, the first step before construction can begin.

Mayor Linda Carver said the city welcomed the review.
""",
    "b.txt": """Title: Judge halts work at Ashford stadium site
Published: 2025-03-05
Publisher: AP

A county judge on Tuesday temporarily barred Brightline Sports Group from beginning site work on a planned soccer stadium in Ashford.

The Ohio Environmental Protection Agency opened its review of the site in late January.
""",
}
JUDGE = ("A county judge on Tuesday temporarily barred Brightline Sports Group from beginning site work on a planned "
         "soccer stadium in Ashford.")
JUDGE_TITLE = ("A county judge temporarily barred Brightline Sports Group from beginning site work on a planned soccer "
               "stadium in Ashford")
JUDGE_SOURCE = "2025-03-05-judge-halts-work-at-ashford-stadium-site"


def _small_project(tmp_path, articles=ARTICLES, timelines=None):
    """A project of a few articles and one catch-all timeline (plus `timelines`: name → text), ingested and
    extracted by the real code."""
    project = fresh_project(tmp_path / "small")
    for path in [*(project / "seeds").iterdir(), *(project / "timelines").glob("*.yml")]:
        path.unlink()
    (project / "timelines" / "all.yml").write_text("title: All dated events\nmatch: {}\nevents: []\n")
    for name, text in (timelines or {}).items():
        (project / "timelines" / name).write_text(text)
    _add_articles(project, articles)
    return project


def _add_articles(project, articles):
    for name, text in articles.items():
        (project / "seeds" / name).write_text(text)
    run_cli(project, "ingest")
    return _extract(project)


def _edit(path, old, new):
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def _block(text, id_start):
    """The lines of the event whose id starts with `id_start`."""
    start = text.index(f"- id: {id_start}")
    end = text.find("\n- id:", start + 1)
    return text[start:end + 1 if end >= 0 else len(text)]


def _merge_by_hand(path: Path, merged_away: str, kept: str) -> tuple[str, str]:
    """What an editor does to merge two events: the citations of the event whose id starts `merged_away` moved
    under the one whose id starts `kept`, and the first deleted; returns the kept event's block before, and the
    citations moved."""
    text = path.read_text()
    away, block = _block(text, merged_away), _block(text, kept)
    citation = away[away.index("  - source:"):]
    path.write_text(text.replace(away, "").replace(block, block + citation))
    return block, citation


def test_events_an_editor_merged_keep_their_values_when_the_merged_article_comes_back(tmp_path):
    """The editor moves B's citation into A and deletes B; B's article goes away and comes back: A keeps its own
    date and title (it took B's, as B's proposal was taken for A's and A's own dropped)."""
    project = _small_project(tmp_path)
    path = _file(project, "all")
    _, citation = _merge_by_hand(path, "2025-01-the-ohio", "2025-01-28-the-ohio")
    _extract(project)
    after_edit = path.read_text()
    assert after_edit.count("- id:") == 2 and citation in _block(after_edit, "2025-01-28-the-ohio")
    record = project / "content" / "sources" / f"{JUDGE_SOURCE}.md"
    seed, saved = project / "seeds" / "b.txt", record.read_text()
    seed.unlink(), record.unlink()
    _extract(project)
    _add_articles(project, {"b.txt": ARTICLES["b.txt"]})
    record.write_text(saved)
    _extract(project)
    assert path.read_text() == after_edit


def test_a_new_citation_is_appended_to_a_list_the_editor_wrote_which_stays_byte_for_byte(tmp_path):
    project = _small_project(tmp_path)
    path = _file(project, "all")
    mine = ("  # editor: added the EPA line on purpose\n"
            f"  - source: {JUDGE_SOURCE}\n"
            "    quote: The Ohio Environmental Protection Agency opened its review of the site in late January.\n")
    _edit(path, f"    quote: {JUDGE}\n", f"    quote: {JUDGE}\n" + mine)
    _extract(project)
    before = _block(path.read_text(), "2025-03-04")
    _add_articles(project, {"c.txt": "Title: Judge blocks Ashford stadium work\nPublished: 2025-03-05\n"
                                     f"Publisher: Columbus Courier\n\n{JUDGE}\n"})
    after = _block(path.read_text(), "2025-03-04")
    assert after == before + f"  - source: 2025-03-05-judge-blocks-ashford-stadium-work\n    quote: {JUDGE}\n"


WIRE = {
    "a.txt": """Judge halts work at Ashford stadium site

ASHFORD, Ohio, March 5, 2025 (AP) - A county judge on Tuesday halted site work on a planned soccer stadium in Ashford.

Brightline chief executive Marcus Hale said the company had not planned to begin heavy construction in the summer of 2025 anyway.
""",
    "b.txt": """Judge blocks site work at Ashford soccer stadium

Columbus Courier
March 5, 2025

ASHFORD, Ohio (AP) - A county judge on Tuesday halted site work on a planned soccer stadium in Ashford.

Brightline chief executive Marcus Hale said the company had not planned to begin heavy construction in the summer of 2025 anyway.
""",
}


def test_a_wire_reprint_of_a_sentence_adds_its_citation_to_the_reviewed_event(tmp_path):
    """A sentence repeated word for word on a date coarser than a day ('before the summer') is one event: the
    reprint made a second one, '...-2', and took the reviewed event's citation from it."""
    project = _small_project(tmp_path, {"a.txt": WIRE["a.txt"]})
    path = _file(project, "all")
    hale = _block(path.read_text(), "2025-22")
    edited = hale.replace("provenance: extracted", "provenance: reviewed")
    _edit(path, hale, edited)
    _add_articles(project, {"b.txt": WIRE["b.txt"]})
    text = path.read_text()
    assert text.count("- id: 2025-22") == 1
    after = _block(text, "2025-22")
    head, own = edited.split("  citations:\n")
    assert after.startswith(head + "  citations:\n") and own in after  # the event's lines, its citation's too
    sources = [c["source"] for c in events_by_id(project)[after.split()[2]]["citations"]]
    assert sorted(sources) == ["2025-03-05-judge-blocks-site-work-at-ashford-soccer-stadium",
                               "2025-03-05-judge-halts-work-at-ashford-stadium-site"]


def test_one_event_edited_differently_in_two_timelines_keeps_each_edit(tmp_path):
    project = _small_project(tmp_path, timelines={"legal.yml": "title: Legal\nmatch:\n  keywords: [judge]\nevents: []\n"})
    titles = {"all": "Judge bars stadium site work", "legal": "Judge Helen Ortiz issues restraining order"}
    for name, title in titles.items():
        _edit(_file(project, name), f"  title: {JUDGE_TITLE}\n", f"  title: {title}\n")
    for _ in range(2):
        _extract(project)
        for name, title in titles.items():
            judge = [e for e in _load(_file(project, name))["events"] if str(e["date"]) == "2025-03-04"]
            assert [e["title"] for e in judge] == [title]
    _edit(_file(project, "all"), "  title: Judge bars stadium site work\n", "  title: Judge bars site work\n")
    _extract(project)  # a later edit in one file stays there; the other keeps its own
    assert "  title: Judge bars site work\n" in _file(project, "all").read_text()
    assert f"  title: {titles['legal']}\n" in _file(project, "legal").read_text()


def test_a_corrected_sentence_updates_the_quote_of_the_edited_event_that_cites_it(tmp_path):
    project = _small_project(tmp_path)
    path = _file(project, "all")
    _edit(path, "  date: '2025-03-04'\n", "  date: 2025-03\n  summary: Judge Helen Ortiz's order.\n")
    _extract(project)
    _add_articles(project, {"b.txt": ARTICLES["b.txt"].replace("temporarily barred", "temporarily blocked")})
    events = _load(path)["events"]
    judge = [e for e in events if "judge" in e["citations"][0]["quote"].lower()]
    assert len(judge) == 1
    assert str(judge[0]["date"]) == "2025-03" and judge[0]["summary"] == "Judge Helen Ortiz's order."
    assert [c["quote"] for c in judge[0]["citations"]] == [JUDGE.replace("barred", "blocked")]
    assert run_cli(project, "check").returncode == 0


def test_a_new_article_about_an_event_the_editor_corrected_adds_its_citation_to_it(tmp_path):
    """The editor adds the judge's name: a later article naming her tells the same event by the editor's values."""
    project = _small_project(tmp_path)
    path = _file(project, "all")
    _edit(path, "  tags: [Brightline Sports Group]\n", "  actors: [Helen Ortiz]\n  tags: [Brightline Sports Group]\n")
    _edit(path, f"  title: {JUDGE_TITLE}\n", "  title: Judge Helen Ortiz temporarily bars work on the stadium site\n")
    _extract(project)
    _add_articles(project, {"c.txt": "Title: Brightline delays stadium groundbreaking\nPublished: 2025-03-20\n"
                                     "Publisher: Ashford Business Journal\n\nJudge Helen Ortiz issued a temporary "
                                     "restraining order on March 4 that bars any demolition or grading at the Ashford "
                                     "stadium site.\n"})
    judge = [e for e in _load(path)["events"] if str(e["date"]) == "2025-03-04"]
    assert len(judge) == 1
    assert judge[0]["title"] == "Judge Helen Ortiz temporarily bars work on the stadium site"
    assert [c["source"] for c in judge[0]["citations"]] == [JUDGE_SOURCE, "2025-03-20-brightline-delays-stadium-groundbreaking"]


def test_new_events_are_inserted_by_date_around_an_event_the_editor_moved_out_of_order(tmp_path):
    project = _small_project(tmp_path, {"a.txt": ARTICLES["a.txt"], "b.txt": """Title: Steel mill history
Published: 2025-02-01
Publisher: Riverside Herald

The Harlow Steel mill closed in 1994 after nearly a century on the Miller River.
"""})
    path = _file(project, "all")
    text = path.read_text()
    background = _block(text, "1994")
    path.write_text(text.replace(background, "") + "# background, kept last on purpose\n" + background)
    _add_articles(project, {"c.txt": "Title: Council schedules stadium hearing\nPublished: 2025-01-20\n"
                                     "Publisher: Ashford Daily\n\nMayor Linda Carver met with Brightline Sports Group "
                                     "executives in Columbus on January 17.\n"})
    dates = [str(e["date"]) for e in _load(path)["events"]]
    assert dates == ["2025-01-17", "2025-01-28", "1994"]
    assert path.read_text().endswith("# background, kept last on purpose\n" + background)


def test_an_event_merged_away_in_one_timeline_is_proposed_in_none(tmp_path):
    """The editor moves the order's sentence into the judge event in all.yml and deletes the order's event there:
    legal.yml, which held the order's event, now holds the merged event instead (it showed both)."""
    order = "Judge Helen Ortiz will decide on March 24 whether the restraining order halting any demolition stays."
    project = _small_project(tmp_path, {"a.txt": f"Title: Judge halts stadium work\nPublished: 2025-03-05\nPublisher: AP\n\n"
                                                 f"{JUDGE}\n\n{order}\n"},
                             timelines={"legal.yml": "title: Legal\nmatch:\n  keywords: [restraining order]\nevents: []\n"})
    assert [str(e["date"]) for e in _load(_file(project, "legal"))["events"]] == ["2025-03-24"]
    path = _file(project, "all")
    judge, citation = _merge_by_hand(path, "2025-03-24", "2025-03-04")
    _extract(project)
    _extract(project)
    assert [str(e["date"]) for e in _load(_file(project, "legal"))["events"]] == ["2025-03-04"]
    assert [str(e["date"]) for e in _load(path)["events"]] == ["2025-03-04"]
    assert _block(path.read_text(), "2025-03-04") == (judge + citation).replace("provenance: extracted", "provenance: edited")
