"""Bad input through the real CLI: one error line per problem naming the file, line and what to do; exit
non-zero; no traceback; and not one byte of the project changed by the failed run."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.model import EdtfDate
from builder.sources import load_sources
from builder.timelines import MAX_TIMELINE_BYTES
from projects import fresh_project, run_cli, snapshot

# what a failed run says it left: a failing step writes nothing; `build` adds what earlier steps wrote
SUMMARY = re.compile(r"^(\d+ problem\(s\) found; |build: )(nothing was written|the site was not built; .+)$")


@dataclass
class Problem:
    """One expected error line: the file it names, its line (None: the file as a whole), and words it holds."""

    file: str
    line: int | None
    says: str


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based number of the first line holding `needle` (after the first line holding `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if after in text) if after else 0
    return next(i for i, text in enumerate(lines[start:], start=start + 1) if needle in text)


def project_files(project: Path) -> dict[str, bytes]:
    """Every file of the project but the extraction cache (content-addressed, safe to delete: a failed run
    may still have filled it with the results of the articles it read)."""
    return {name: data for name, data in snapshot(project).items() if not name.startswith(".cache/")}


def fails_cleanly(project: Path, command: list[str], expected: list[Problem]) -> list[str]:
    """Run the CLI, expect failure with exactly these problems, one line each, and an untouched project."""
    before = project_files(project)
    errors = failed_with(run_cli(project, *command, check=False), expected)
    assert project_files(project) == before, "a failed run changed the project"
    return errors


def failed_with(result: subprocess.CompletedProcess, expected: list[Problem]) -> list[str]:
    """The error lines of a run that failed cleanly with exactly these problems."""
    output = result.stdout + result.stderr
    assert result.returncode not in (0, 2), f"exit {result.returncode} (2 is an internal error):\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    others = [line for line in result.stderr.splitlines() if not line.startswith("error: ") and line.strip()]
    assert all(SUMMARY.match(line) for line in others), f"stray stderr lines: {others}"
    assert len(errors) == len(expected), "\n".join(errors)
    for problem in expected:
        where = re.escape(problem.file) + (f":{problem.line}" if problem.line is not None else "")
        pattern = re.compile(rf"^error: (.*/)?{where}: .+ \(.+\)$")  # file[:line]: problem (what to do)
        matching = [line for line in errors if pattern.match(line) and problem.says in line]
        assert len(matching) == 1, f"no single line for {problem} in:\n" + "\n".join(errors)
    return errors


# ---------------------------------------------------------------------------------------------- projects

EDITED = """\
# Written by hand: an editor's own timeline (nothing extracted matches it).
title: Editor's picks
description: Events an editor added by hand.
match: {{actors: [Nobody In Particular]}}
events:
- id: editor-first-event
  date: '{date}'
  title: First event
  provenance: manual
  citations:
  - source: {source}
    quote: {quote1}
- id: editor-second-event
  date: '{month}'
  title: Second event
  summary: Written by hand.
  provenance: manual
  citations:
  - source: {source}
    quote: {quote2}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The shipped seeds ingested and extracted, plus one hand-written timeline; `check` passes on it."""
    project = fresh_project(tmp_path_factory.mktemp("bad-input") / "project")
    run_cli(project, "ingest")
    run_cli(project, "extract")
    sources = load_sources(project / "content" / "sources")
    source_id, source = next((sid, s) for sid, s in sorted(sources.items()) if s.published)
    lines = [line for line in source.text.splitlines() if len(line) > 50]
    day = EdtfDate.parse(source.published).text
    (project / "timelines" / "editors.yml").write_text(EDITED.format(
        date=day, month=day[:7], source=source_id, quote1=json.dumps(lines[0][:60]), quote2=json.dumps(lines[1][:60])))
    result = run_cli(project, "check", check=False)
    assert result.returncode == 0, f"the base project must be valid for these tests:\n{result.stderr}"
    return project


@pytest.fixture()
def project(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def editors(project: Path) -> Path:
    return project / "timelines" / "editors.yml"


def a_source(project: Path) -> Path:
    """A source record the hand-written timeline does not cite."""
    cited = re.search(r"- source: (\S+)", editors(project).read_text()).group(1)
    return next(p for p in sorted((project / "content" / "sources").glob("*.md")) if p.stem != cited)


# ---------------------------------------------------------------------------------------------- timelines

def test_malformed_yaml_names_the_line(project):
    path = editors(project)
    edit(path, "  title: First event", "  title: [First event")
    line = line_of(path, "[First event")
    for command in (["check"], ["extract"], ["build", "--no-ingest", "--no-extract"]):
        fails_cleanly(project, command, [Problem("editors.yml", line, "the '[' on this line is not closed")])


def test_bad_indentation_names_the_line(project):
    path = editors(project)
    edit(path, "  title: Second event", "     title: Second event")
    fails_cleanly(project, ["check"], [Problem("editors.yml", line_of(path, "     title: Second event"), "not valid YAML")])


@pytest.mark.parametrize("written", [" - id: editor-first-event", "   - id: editor-first-event"])
def test_misindented_event_line_is_the_line_named(project, written):
    """The first event under 'events:' indented a space off: the parser stops on the line under it, which is
    indented as every other key is."""
    path = editors(project)
    edit(path, "- id: editor-first-event", written)
    for command in (["check"], ["extract"]):
        fails_cleanly(project, command, [Problem("editors.yml", line_of(path, written), "indented differently")])


def test_yaml_bomb_is_refused_before_it_expands(project):
    lol = "\n".join([f'l{i}: &l{i} [{", ".join([f"*l{i - 1}"] * 9)}]' for i in range(1, 10)])
    path = project / "timelines" / "bomb.yml"
    path.write_text(f"title: Bomb\nl0: &l0 lol\n{lol}\nevents: *l9\n")
    for command in (["check"], ["extract"]):
        fails_cleanly(project, command, [Problem("bomb.yml", 2, "anchor or alias")])


def test_huge_timeline_is_refused(project):
    path = project / "timelines" / "huge.yml"
    path.write_text("title: Huge\n" + "# padding\n" * (MAX_TIMELINE_BYTES // 10 + 1) + "events: []\n")
    assert path.stat().st_size > MAX_TIMELINE_BYTES
    fails_cleanly(project, ["check"], [Problem("huge.yml", None, f"larger than the {MAX_TIMELINE_BYTES // 2**20} MiB limit")])


def test_misspelled_keys_get_a_suggestion(project):
    path = editors(project)
    edit(path, "description:", "descripton:")
    edit(path, "  summary: Written by hand.", "  sumary: Written by hand.")
    record = a_source(project)
    edit(record, "\npublisher:", "\npublsher:")
    errors = fails_cleanly(project, ["check"], [
        Problem("editors.yml", line_of(path, "descripton:"), "did you mean 'description'?"),
        Problem("editors.yml", line_of(path, "sumary:"), "did you mean 'summary'?"),
        Problem(record.name, line_of(record, "publsher:"), "did you mean 'publisher'?"),
    ])
    assert all("unknown key" in line for line in errors)


def test_unknown_key_without_a_close_match_lists_the_known_ones(project):
    path = editors(project)
    edit(path, "  provenance: manual\n", "  provenance: manual\n  zzz: 1\n")
    fails_cleanly(project, ["check"], [Problem("editors.yml", line_of(path, "zzz:"), "allowed keys: id, date, title")])


BAD_DATES = [  # as written in the YAML, and what the error says
    ("'2024-02-30'", "not a real day (February 2024 has 29 days)"),
    ("2024-02-31", "not a real day"),  # unquoted: YAML's own timestamp parser must not judge (or crash on) it
    ("'next Tuesday'", "is not an EDTF date"),
    ("'04/11/2024'", "is not an EDTF date"),
    ("'2024-13'", "has month 13"),
    ("'2025/2024'", "ends before it starts"),
    ("'0000'", "outside the years"),
    ("2024-11-04 10:30", "is not an EDTF date"),
]


def test_dates_that_are_not_edtf_or_impossible(project):
    path = project / "timelines" / "dates.yml"
    path.write_text("title: Dates\nevents:\n" + "".join(
        f"- id: event-{n}\n  date: {written}\n  title: Event {n}\n" for n, (written, _) in enumerate(BAD_DATES)))
    fails_cleanly(project, ["check"], [Problem("dates.yml", line_of(path, f"date: {written}"), says)
                                       for written, says in BAD_DATES])


def test_duplicate_event_ids(project):
    path = editors(project)
    edit(path, "- id: editor-second-event", "- id: editor-first-event")
    second = line_of(path, "- id: editor-first-event", after="quote:")
    for command in (["check"], ["extract"]):
        fails_cleanly(project, command, [Problem("editors.yml", second, "duplicate event id 'editor-first-event' (first at line 6)")])


def test_citation_of_a_missing_source(project):
    path = editors(project)
    text = path.read_text()
    source_id = re.search(r"- source: (\S+)", text).group(1)
    edit(path, f"- source: {source_id}", "- source: no-such-article")
    for command in (["check"], ["extract"], ["build"]):
        fails_cleanly(project, command, [Problem("editors.yml", line_of(path, "no-such-article"),
                                                 "cites a missing source 'no-such-article'")])


def test_missing_source_is_one_problem_at_its_first_citation(project):
    """An event cites a record that is gone twice, and the event's id begins with the record's id: one
    line for the event, at its first citation (not one per citation, nor at the event's id)."""
    path = editors(project)
    source_id = "2024-11-04-withdrawn-article"
    quotes = re.findall(r"quote: (.+)", path.read_text())
    path.write_text(f"title: Picks\nevents:\n- id: {source_id}-event\n  date: '2024'\n  title: An event\n"
                    f"  citations:\n  - source: {source_id}\n    quote: {quotes[0]}\n"
                    f"  - source: {source_id}\n    quote: {quotes[1]}\n")
    for command in (["check"], ["extract"]):
        fails_cleanly(project, command, [Problem("editors.yml", 7, f"event '{source_id}-event' cites a missing source")])


def test_citation_of_a_near_miss_source_id_gets_a_suggestion(project):
    path = editors(project)
    source_id = re.search(r"- source: (\S+)", path.read_text()).group(1)
    edit(path, f"- source: {source_id}", f"- source: {source_id[:-1]}")
    fails_cleanly(project, ["check"], [Problem("editors.yml", line_of(path, f"source: {source_id[:-1]}"),
                                               f"did you mean '{source_id}'?")])


def test_quote_not_in_its_source(project):
    path = editors(project)
    quote = re.search(r'quote: "(.+)"', path.read_text()).group(1)
    edit(path, quote, quote.replace(" ", "  ", 1) + " and more")
    for command in (["check"], ["extract"], ["build"]):
        fails_cleanly(project, command, [Problem("editors.yml", line_of(path, "and more"), "quote is not in source")])


def an_extracted_quote(project: Path, longer_than: int = 0) -> tuple[Path, str]:
    """A timeline that extract wrote, and the first quote in it longer than `longer_than` characters."""
    for path in sorted((project / "timelines").glob("*.yml")):
        for quote in re.findall(r"^    quote: (.+)$", path.read_text(), re.M):
            if path.name != "editors.yml" and len(quote) > longer_than and not quote.startswith(("'", '"')):
                return path, quote
    raise AssertionError("no extracted quote")


def test_mistyped_quote_in_an_extracted_event_stops_extract_before_it_writes(project):
    """Merge would take the typo for a hand edit and copy it into the event's other timelines: extract and
    build refuse it first, and say that nothing was written."""
    path, quote = an_extracted_quote(project)
    words = quote.split(" ")
    typo = " ".join(words[:2] + words[3:])
    edit(path, f"quote: {quote}", f"quote: {typo}")
    for command in (["extract"], ["build"]):
        before = project_files(project)
        result = run_cli(project, *command, check=False)
        failed_with(result, [Problem(path.name, line_of(path, typo), "quote is not in source")])
        assert project_files(project) == before, f"`timeline {command[0]}` changed the project"
    assert result.stderr.splitlines()[-1] == "1 problem(s) found; the site was not built; nothing was written"


def test_closest_passage_shows_where_the_quote_differs(project):
    path, quote = an_extracted_quote(project, longer_than=140)
    words = quote.split(" ")
    cut = next(i for i in range(len(words)) if len(" ".join(words[:i])) > 100)
    dropped = " ".join(words[cut - 1:cut + 2])
    typo = " ".join(words[:cut] + words[cut + 1:])
    edit(path, f"quote: {quote}", f"quote: {typo}")
    [error] = fails_cleanly(project, ["check"], [Problem(path.name, line_of(path, typo), "quote is not in source")])
    passage = re.search(r'closest passage: "(.+)"\)$', error).group(1)
    assert dropped in passage, passage  # the words around the one the editor lost, though past the 100th character
    first_word = passage.lstrip("…").split(" ")[0]
    assert re.search(rf"(?:^|\s){re.escape(first_word)}\s", quote), f"starts inside a word: {passage}"


def test_timeline_with_no_events_is_a_note_and_an_empty_file_a_problem(project):
    (project / "timelines" / "empty.yml").write_text("title: Nothing yet\nevents: []\n")
    assert "check: timelines/empty.yml has no events yet" in run_cli(project, "check").stdout
    (project / "timelines" / "blank.yml").write_text("")
    fails_cleanly(project, ["check"], [Problem("blank.yml", None, "is empty")])


def test_a_project_whose_only_article_dates_no_event_builds_its_empty_timelines(tmp_path):
    """A new project starts with timelines that have no events; an article that gives none leaves them so,
    and the site is built with their pages, which say so, rather than the build failing."""
    project = fresh_project(tmp_path / "project")
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    (project / "seeds" / "notice.txt").write_text(
        "Title: Library notice\nPublished: 2025-03-05\n\nThe library asks readers to return borrowed books "
        "on time so that others can enjoy them too.\n")
    result = run_cli(project, "build")
    names = sorted(p.stem for p in (project / "timelines").glob("*.yml"))
    for name in names:
        assert f"check: timelines/{name}.yml has no events yet" in result.stdout, result.stdout
        assert "0 events." in (project / "site" / "timelines" / name / "index.html").read_text()


def test_timeline_symlinked_from_outside_the_project(project, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(editors(project).read_text().replace("editor-", "outside-"))
    (project / "timelines" / "outside.yml").symlink_to(outside)
    for command in (["check"], ["extract"]):
        fails_cleanly(project, command, [Problem("outside.yml", None, "points outside the project")])
    (project / "content" / "sources" / "passwd.md").symlink_to("/etc/passwd")
    fails_cleanly(project, ["check"], [Problem("outside.yml", None, "points outside the project"),
                                       Problem("passwd.md", None, "points outside the project")])
    assert outside.read_text() == editors(project).read_text().replace("editor-", "outside-")


def test_check_lists_every_problem_of_a_broken_project(project):
    timelines, path, record = project / "timelines", editors(project), a_source(project)
    source_id = re.search(r"- source: (\S+)", path.read_text()).group(1)
    second_quote = re.findall(r'quote: "(.+)"', path.read_text())[1]
    edit(path, f"- source: {source_id}", "- source: gone-article")  # the first citation
    edit(path, second_quote, "words nobody wrote")  # the second one
    (timelines / "dates.yml").write_text("title: Dates\nevents:\n- id: a\n  date: '2024-02-30'\n  title: A\n"
                                         "- id: b\n  date: soon\n  title: B\n  colour: red\n")
    (timelines / "syntax.yml").write_text("title: Syntax\nevents: [\n")
    (timelines / "empty.yml").write_text("title: Nothing yet\nevents: []\n")
    edit(record, "\ntitle:", "\ntitel:")
    fails_cleanly(project, ["check"], [
        Problem("editors.yml", line_of(path, "gone-article"), "missing source 'gone-article'"),
        Problem("editors.yml", line_of(path, "words nobody wrote"), "quote is not in source"),
        Problem("dates.yml", 4, "not a real day"),
        Problem("dates.yml", 7, "'soon' is not an EDTF date"),
        Problem("dates.yml", 9, "unknown key 'colour'"),
        Problem("syntax.yml", 2, "not valid YAML"),
        Problem(record.name, line_of(record, "titel:"), "did you mean 'title'?"),
    ])


def test_project_option_naming_no_folder(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    before = snapshot(tmp_path)
    for missing in ("no-such-project", "a-file"):
        for command in (["check"], ["extract"], ["ingest"], ["build", "--no-ingest", "--no-extract"]):
            result = subprocess.run([sys.executable, "-m", "builder.cli", *command, "--project", missing],
                                    capture_output=True, text=True, cwd=tmp_path)
            failed_with(result, [Problem(missing, None, "is not a project folder")])
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------------------------------------- sources

def test_source_record_with_broken_front_matter(project):
    record = a_source(project)
    edit(record, "\npublished:", "\npublished: [\nx:")
    fails_cleanly(project, ["check"], [Problem(record.name, line_of(record, "published: ["),
                                               "front matter is not valid YAML: the '[' on this line is not closed")])


def test_binary_source_record(project):
    record = a_source(project)
    record.write_bytes(b"---\ntitle: x\n---\n\x00\x01\x02" * 10)
    fails_cleanly(project, ["check"], [Problem(record.name, None, "binary")])


# ---------------------------------------------------------------------------------------------- ingest

@pytest.mark.parametrize("name, data, says, line", [
    ("empty.txt", b"", "is empty", None),
    ("blank.md", b" \n\n\t\n", "white space", None),
    ("binary.txt", bytes(range(256)) * 40, "binary", None),
    ("latin1.txt", "Berlin, 4 November 2024\n\nScholz met Rutte.\nCaf\u00e9 talks went on.\n".encode("latin-1"),
     "not valid UTF-8 (byte 46 is 0xe9)", 4),
    # what Word and old newsroom systems write: the curly quotes and dashes of Windows-1252 are named
    ("word.txt", "LONDON \u2013 Boris Johnson\u2019s Conservatives won a majority.\n".encode("cp1252"),
     "it looks like Windows-1252: re-save it as UTF-8", 1),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ingest reads .txt, .md and .html", None),
    # raw HTML in Markdown whose unclosed quote swallows the body (found by the fuzz suite: was lxml's assertion)
    ("swallowed.md", b"<html><head></title><meta property='x' content='></head><body><p>Berlin, November 4, 2024. "
                     b"Scholz met Rutte on Monday.</p></body></html>", "has no article text", None),
    # a relative publication date would be read against this machine's clock: an invented day
    ("relative.md", b"---\ntitle: Talks\ndate: yesterday\n---\nScholz met Rutte on Monday.\n", "date 'yesterday' is not a complete date", 3),
    # a day that does not exist, unquoted (PyYAML's timestamp constructor raised) or quoted, is a mistake to fix
    ("feb30.md", b"---\ntitle: Talks\ndate: 2025-02-30\n---\nScholz met Rutte on Monday.\n",
     "date '2025-02-30' is not a real date: February 2025 has no day 30", 3),
    ("month13.md", b"---\ntitle: Talks\ndate: 2025-13-45\n---\nScholz met Rutte on Monday.\n",
     "date '2025-13-45' is not a real date: there is no month 13", 3),
    ("quoted.md", b'---\ntitle: Talks\npublished: "2025-02-30"\n---\nScholz met Rutte on Monday.\n',
     "date '2025-02-30' is not a real date: February 2025 has no day 30", 3),
    ("named.txt", b"Title: Talks\nPublished: February 30, 2025\n\nScholz met Rutte on Monday.\n",
     "date 'February 30, 2025' is not a real date", 2),
    ("ago.txt", b"Title: Talks\nPublished: 2 hours ago\n\nScholz met Rutte on Monday.\n", "date '2 hours ago' is not a complete date", 2),
])
def test_bad_article(project, name, data, says, line):
    article = project / "seeds" / name
    article.write_bytes(data)
    fails_cleanly(project, ["ingest", f"seeds/{name}"], [Problem(name, line, says)])


def test_huge_article_is_refused(project):
    article = project / "seeds" / "huge.txt"
    article.write_bytes(b"Berlin, 4 November 2024. Scholz met Rutte.\n" * (500 * 1024))
    assert article.stat().st_size > 20 * 1024 * 1024
    fails_cleanly(project, ["ingest", "seeds/huge.txt"], [Problem("huge.txt", None, "larger than the 20 MiB limit")])


def test_article_symlinked_to_etc_passwd(project):
    (project / "seeds" / "passwd.txt").symlink_to("/etc/passwd")
    fails_cleanly(project, ["ingest", "seeds/passwd.txt"], [Problem("passwd.txt", None, "outside the project")])
    # and inside a folder that is ingested whole: the good articles are not written either
    fails_cleanly(project, ["ingest", "seeds"], [Problem("passwd.txt", None, "outside the project")])


def test_an_article_outside_the_project_is_refused_from_wherever_the_command_runs(project):
    """--project names the project: a file beside it is outside, even when the command runs from its parent."""
    outside = project.parent / "elsewhere.txt"
    outside.write_text("Berlin, 4 November 2024. Olaf Scholz met Mark Rutte in Berlin on Monday.\n")
    before = project_files(project)
    for cwd in (project, project.parent):
        result = subprocess.run([sys.executable, "-m", "builder.cli", "ingest", str(outside), "--project", str(project)],
                                capture_output=True, text=True, cwd=cwd)
        assert failed_with(result, [Problem("elsewhere.txt", None, "is outside the project")])[0].endswith(
            "(copy it into seeds/ and run `timeline ingest seeds/elsewhere.txt`)")
        assert project_files(project) == before
    shutil.copy(outside, project / "seeds")
    subprocess.run([sys.executable, "-m", "builder.cli", "ingest", f"{project.name}/seeds/elsewhere.txt", "--project",
                    str(project)], check=True, capture_output=True, cwd=project.parent)
    assert [s.input for s in load_sources(project / "content" / "sources").values() if "elsewhere" in (s.input or "")] == [
        "seeds/elsewhere.txt"]


def test_ingest_lists_every_bad_article_and_writes_none(project):
    seeds = project / "seeds"
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "feb30.md").write_text("---\ntitle: Talks\ndate: 2025-02-30\n---\nScholz met Rutte on Monday.\n")
    (seeds / "new.txt").write_text("Berlin, 5 November 2024\n\nA new article that would be ingested alone.\n")
    fails_cleanly(project, ["ingest"], [Problem("empty.txt", None, "is empty"),
                                             Problem("binary.txt", None, "binary"),
                                             Problem("passwd.txt", None, "outside the project"),
                                             Problem("feb30.md", 3, "not a real date")])


UNDATED = """\
Springfield council approves new harbour budget

The city council of Springfield approved the new harbour budget on Monday after a long debate.
Last week, the mayor presented the plan to the press and said work would begin next month.
The vote took place yesterday afternoon, two days after the committee hearing.
The harbour was first opened in March 1998, according to the city archive.
"""


def test_article_with_no_date_is_ingested_and_dates_no_relative_event(project):
    project = project
    (project / "seeds" / "undated.txt").write_text(UNDATED)
    run_cli(project, "ingest", "seeds/undated.txt")
    records = {s.input: (sid, s) for sid, s in load_sources(project / "content" / "sources").items()}
    source_id, source = records["seeds/undated.txt"]
    assert source.published is None
    assert "\npublished: null\n" in (project / "content" / "sources" / f"{source_id}.md").read_text()
    run_cli(project, "extract")
    run_cli(project, "check")
    from ruamel.yaml import YAML

    citing = [(event["date"], c["quote"]) for path in sorted((project / "timelines").glob("*.yml"))
              for event in YAML(typ="safe").load(path.read_text()).get("events") or []
              for c in event.get("citations") or [] if c["source"] == source_id]
    # "on Monday", "last week", "yesterday" have nothing to be resolved against: only the stated year may date an event
    for date, quote in citing:
        assert EdtfDate.parse(str(date)).contains(EdtfDate.parse("1998-03")) or \
            EdtfDate.parse("1998-03").contains(EdtfDate.parse(str(date))), (date, quote)
