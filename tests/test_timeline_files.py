"""Timeline files read by libyaml and edited event by event give exactly what ruamel alone would give.

The fast paths of builder/timelines.py (libyaml reads, one event rewritten at a time, new events written by
libyaml's emitter) are only right if they agree with ruamel, which stays the reference: these tests compare
the two on real files and on generated values.
"""
from __future__ import annotations

import io
import random
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.merge import KEY_ORDER, _set
from builder.timelines import (TimelineFile, _fast_read, _plain, _yaml, commented, dump_document, dump_event,
                               parse_document, read_document)
from projects import REPO

# scalars on which YAML readers and writers are known to part ways
TRICKY = ["no", "yes", "on", "null", "~", "", "2015", "0o17", "017", "1_000", "1e3", ".inf", "2024-11-04", "'", "It's",
          "a: b", "#x", "a #b", "- a", "[a]", "{b}", "x, y", '"q"', "@home", "`cmd`", "%", "!", "&a", "*b", "? q",
          "tab\there", "line\nbreak", "emoji 🙂", "ümlaut", "\u2028", "\ufeff", " lead", "trail ", "<script>"]
scalars = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=40))


def ruamel_dump(items: list[dict]) -> str:
    stream = io.StringIO()
    _yaml().dump(commented("", items), stream)
    return stream.getvalue()


def _event(title, quote, names, summary) -> dict:
    item = {"id": "an-event", "date": "2024-11", "title": title, "summary": summary, "actors": names, "tags": names[::-1],
            "provenance": "extracted", "citations": [{"source": "a-source", "quote": quote}],
            "disputed": [{"date": "2024-12", "citations": [{"source": "b", "quote": quote}]}]}
    return {k: v for k, v in item.items() if v is not None}


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(title=scalars, quote=scalars, names=st.lists(scalars, max_size=3), summary=st.none() | scalars)
def test_new_events_read_back_as_written_whatever_they_hold(title, quote, names, summary):
    item = _event(title, quote, names, summary)
    fast, reference = dump_event(item), ruamel_dump([item])
    # ruamel's own writing fails on a few ('[? q]' reads as a mapping): ours must be right or the same as its
    assert fast == reference or _plain(_yaml().load(fast)) == [item], (fast, reference)


# what news text holds: it starts with a letter, a digit or a quotation mark, then has letters of several
# languages, punctuation, quotes, currency and dashes
_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äéñøÄÉ“‘\"'"
news_text = st.builds(str.__add__, st.sampled_from(list(_FIRST)), st.text(st.sampled_from(list(
    _FIRST + "    .,;:!?()-–—%$€£&/öüèçßåłšžćÖÜ”’…#@*[]{}")), max_size=50))


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(title=news_text, quote=news_text, names=st.lists(news_text, max_size=3), summary=st.none() | news_text)
def test_new_events_of_news_text_are_written_byte_for_byte_as_ruamel_writes_them(title, quote, names, summary):
    """So that a file reads the same whichever engine wrote an event, and a later edit by ruamel changes no quoting."""
    item = _event(title, quote, names, summary)
    assert dump_event(item) == ruamel_dump([item])


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(value=scalars, key=st.sampled_from(["title", "description"]))
def test_what_libyaml_accepts_ruamel_reads_alike(value, key, tmp_path_factory):
    """A file the fast reader takes as valid holds, for ruamel too, the same values."""
    raw = value if value.isprintable() else repr(value)
    text = f"title: Checks\n{key}: {raw}\nevents:\n- id: e\n  date: 2024-11\n  title: {raw}\n  citations: []\n"
    fast = _fast_read(text)
    if fast is None:
        return
    try:
        slow = _plain(parse_document(tmp_path_factory.getbasetemp() / "t.yml", text))
    except Exception:
        slow = None
    from builder.timelines import validate_document
    if not validate_document(tmp_path_factory.getbasetemp() / "t.yml", fast.doc):
        assert slow == fast.doc


def _edited_both_ways(path, script):
    """The file after `script` by TimelineFile, and the same edits on a whole ruamel document."""
    timeline = TimelineFile(path)
    whole = parse_document(path, path.read_text(encoding="utf-8"))
    events = whole["events"]
    for action, index, payload in script:
        if action == "delete":
            timeline.delete(index)
            del events[index]
        elif action == "insert":
            timeline.insert(index, payload)
            events.insert(index, commented("", payload))
        else:
            key, value = payload
            _set(timeline.edit(index), key, value)
            _set(events[index], key, value)
    return timeline.render(), dump_document(whole)


def _random_script(rng: random.Random, events: int, steps: int) -> list:
    script = []
    for step in range(steps):
        action = rng.choice(["delete", "insert", "edit", "edit"]) if events else "insert"
        if action == "delete":
            script.append(("delete", rng.randrange(events), None))
            events -= 1
        elif action == "insert":
            item = {"id": f"new-{step}", "date": f"20{rng.randint(10, 25)}", "title": rng.choice(TRICKY[:20]) + " happened",
                    "actors": rng.sample(["Mark Rutte", "Olaf Scholz", "It's"], rng.randint(0, 2)), "provenance": "extracted",
                    "citations": [{"source": "a-source", "quote": rng.choice([t for t in TRICKY if t.strip()])}]}
            script.append(("insert", rng.randint(0, events), {k: item[k] for k in KEY_ORDER if k in item and item[k] != []}))
            events += 1
        else:
            key, value = rng.choice([("title", "A new title: with a colon"), ("summary", "Written by hand."),
                                     ("summary", None), ("tags", ["Berlin", "NATO"]), ("status", "rejected"),
                                     ("citations", [{"source": "s", "quote": "It's quoted."}])])
            script.append(("edit", rng.randrange(events), (key, value)))
    return script


def test_event_by_event_edits_equal_whole_document_edits(tmp_path):
    """Random deletions, insertions and field edits on the repository's commented timelines: byte for byte what
    ruamel writes when it rewrites the whole document, comments kept in place."""
    rng = random.Random(1104)
    for source in sorted((REPO / "timelines").glob("*.yml")):
        for round_ in range(15):
            path = tmp_path / f"{round_}-{source.name}"
            shutil.copy(source, path)
            text = path.read_text(encoding="utf-8").replace("\n- id:", "\n# an editor's note\n- id:", 2)
            path.write_text(text, encoding="utf-8")
            events = len(parse_document(path, text).get("events") or [])
            script = _random_script(rng, events, rng.randint(1, 8))
            (fast_text, reading), whole_text = _edited_both_ways(path, script)
            if not reading.doc["events"]:  # all deleted: an empty list, valid (unlike ruamel's own deletions)
                assert _plain(parse_document(path, fast_text))["events"] == []
                continue
            assert fast_text == whole_text
            if not any(action == "delete" for action, _, _ in script):
                assert fast_text.count("# an editor's note") == 2
            # the reading handed to the caches is what reading the new text gives
            assert reading.doc == _plain(parse_document(path, fast_text))
            lines = fast_text.split("\n")
            assert reading.layout.starts == [n for n, line in enumerate(lines) if line.startswith("- id:")]


def test_a_timeline_with_no_events_gets_its_first_ones(tmp_path):
    path = tmp_path / "empty.yml"
    path.write_text("# Kept: a comment at the top.\ntitle: Empty\nmatch: {actors: [Mark Rutte]}\nevents: []\n")
    timeline = TimelineFile(path)
    for n in range(3):
        timeline.insert(n, {"id": f"e{n}", "date": f"202{n}", "title": f"Event {n}", "provenance": "extracted",
                            "citations": [{"source": "s", "quote": "q"}]})
    text, reading = timeline.render()
    assert text.startswith("# Kept: a comment at the top.\ntitle: Empty\n")
    assert [e["id"] for e in _plain(parse_document(path, text))["events"]] == ["e0", "e1", "e2"]
    assert reading.doc == _plain(parse_document(path, text))


def test_a_file_read_again_comes_from_the_cache_and_equals_a_fresh_reading(tmp_path):
    path = tmp_path / "t.yml"
    shutil.copy(REPO / "timelines" / "rutte-visits-germany.yml", path)
    text = path.read_text(encoding="utf-8")
    cache = tmp_path / "cache"
    from builder import timelines
    timelines._readings.clear()  # as in a new process
    first = read_document(path, text, cache)
    assert len(list(cache.glob("*.json"))) == 1
    timelines._readings.clear()
    again = read_document(path, text, cache)  # from the cache folder this time
    assert again == first and again.doc == _plain(parse_document(path, text))
    edited = text.replace("title: ", "title: Edited, ", 1)
    read_document(path, edited, cache)
    assert len(list(cache.glob("*.json"))) == 1  # one reading per file: the cache does not grow with each edit


values = st.recursive(st.none() | st.booleans() | st.integers() | st.sampled_from(TRICKY) | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                          st.sampled_from(["source", "quote", "date", "note", "citations", "x"]), inner, max_size=3),
                      max_leaves=8)
event_keys = st.sampled_from(["id", "date", "title", "summary", "actors", "tags", "provenance", "status", "citations",
                              "disputed", "sumary"])


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(event=st.dictionaries(event_keys, values | st.sampled_from(["a-b", "2024-11", "extracted", "active"]), max_size=6),
       title=values)
def test_what_the_fast_schema_check_accepts_jsonschema_accepts(event, title):
    """fastjsonschema only gates: a file it passes must be one jsonschema passes too (the reverse is not needed)."""
    from builder.timelines import _FAST_VALIDATOR, _VALIDATOR
    doc = {"title": title, "events": [{"id": "an-id", "date": "2024", "title": "A title", **event}]}
    try:
        _FAST_VALIDATOR(doc)
    except Exception:
        return
    assert not list(_VALIDATOR.iter_errors(doc))
