"""The `timeline` command: one subcommand per stage, and `build` for the whole path to a site."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, InputErrors
from .pipeline import Project, run_check, run_extract, run_render

EPILOG = """\
typical use:
  timeline build            ingest seeds/, extract events into timelines/, check, and build site/
  timeline ingest a.html    add one article to content/sources/
  timeline extract          (re)propose events; hand edits in timelines/*.yml are kept
  timeline check            validate sources, timelines and every quote (for CI)
  mkdocs serve              preview the site; edits to timelines/ and content/ reload it
"""


def _project(args) -> Project:
    root = Path(args.project).resolve()
    if not root.is_dir():
        raise InputError(args.project, "is not a project folder", "pass the folder holding timelines/ and content/ with --project")
    return Project(root)


def cmd_ingest(args) -> int:
    _ingest(args, _project(args))
    return 0


def _ingest(args, project: Project):
    """Run ingest and print what it did; the report, for `build` to tell what was written."""
    from .ingest import ingest

    inputs = [Path(p) for p in args.inputs] or [project.seeds]
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted((p for p in item.iterdir() if p.is_file() and not p.name.startswith(".")), key=lambda p: p.name))
        elif item.exists() or item.is_symlink():
            files.append(item)
        else:
            raise InputError(item, "does not exist", "give an article file or a folder of articles")
    if not files:
        raise InputError(inputs[0], "holds no articles", "add .txt, .md or .html files")
    report = ingest(files, project.sources, progress=args.progress, root=project.root, cache_dir=project.cache)
    print(report.summary())
    return report


def cmd_extract(args) -> int:
    _extract(args, _project(args))
    return 0


def _extract(args, project: Project):
    """Run extract and print what it did; the report, for `build` to tell what was written."""
    mapper = None
    if args.dask:
        from .dask_engine import dask_mapper

        mapper = dask_mapper(args.dask)
    report = run_extract(project, workers=args.workers, progress=args.progress, mapper=mapper)
    added = sum(len(v) for v in report.added.values())
    print(f"extract: {added} event(s) added, {len(report.updated)} updated, {len(report.retracted)} withdrawn, "
          f"{len(report.kept_edits)} hand-edited kept, {len(report.unplaced)} matched no timeline; "
          f"{len(report.written)} file(s) written")
    if report.not_english:
        print(f"extract: {len(report.not_english)} article(s) not in English left out (the tagger reads English only): "
              + ", ".join(report.not_english[:3]) + (", …" if len(report.not_english) > 3 else ""))
    return report


def cmd_check(args) -> int:
    for note in run_check(_project(args)):
        print(f"check: {note}")
    print("check: all sources, timelines and quotes are valid")
    return 0


def cmd_build(args) -> int:
    project = _project(args)
    wrote = []  # the steps that changed files before a later one failed: the failure message says so
    try:
        if not args.no_ingest and project.seeds.is_dir():
            args.inputs = []
            if _ingest(args, project).written:
                wrote.append("ingest")
        if not args.no_extract and _extract(args, project).written:
            wrote.append("extract")
        for note in run_check(project):
            print(f"check: {note}")
    except (InputError, InputErrors) as exc:
        exc.outcome = "the site was not built; " + (f"{' and '.join(wrote)} wrote the files counted above"
                                                    if wrote else "nothing was written")
        raise
    site = run_render(project, strict=not args.no_strict, site_dir=Path(args.site_dir).resolve() if args.site_dir else None)
    print(f"build: site written to {site}")
    return 0


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (give 1 or more)")
    return int(text)


def _per_article_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=_workers, default=None, help="processes for per-article work (default: all cores)")
    p.add_argument("--dask", nargs="?", const="local", metavar="ADDRESS",
                   help="run per-article work on Dask: its local scheduler, or the cluster whose scheduler is at "
                        "ADDRESS (tcp://host:8786); needs news-timeline[dask]")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="timeline", description="Turn news articles into cited, hand-editable timelines and a static site.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", default=".", help="project folder (default: the current one)")
    common.add_argument("--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty(),
                        help="show progress bars (default: when run in a terminal)")
    common.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="normalize raw articles into content/sources/",
                       description="Read raw articles (.txt, .md, .html) into source records under content/sources/. "
                                   "Hand corrections to a record survive re-ingesting.")
    p.add_argument("inputs", nargs="*", help="article files or folders (default: seeds/)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", parents=[common], help="find dated events and merge them into timelines/",
                       description="Tag temporal expressions, select event sentences, group them across articles "
                                   "and merge the events into timelines/*.yml, keeping every hand edit.")
    _per_article_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("check", parents=[common], help="validate sources, timelines and quotes",
                       description="Validate every source record and timeline against the schema, and every "
                                   "citation's quote against its source. Lists all problems; exits 1 if any.")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", parents=[common], help="ingest, extract, check and build the site",
                       description="The whole path: ingest seeds/, extract into timelines/, check, and build the "
                                   "static site with MkDocs into site/.")
    _per_article_options(p)
    p.add_argument("--no-ingest", action="store_true", help="use content/sources/ as it is")
    p.add_argument("--no-extract", action="store_true", help="use timelines/ as it is")
    p.add_argument("--no-strict", action="store_true", help="let MkDocs warnings pass")
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    p.set_defaults(func=cmd_build)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputErrors as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        # every step checks its input before it writes a file: a failing one wrote nothing
        print(f"{len(exc.errors)} problem(s) found; {getattr(exc, 'outcome', 'nothing was written')}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if outcome := getattr(exc, "outcome", None):
            print(f"build: {outcome}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: files already on disk are whole (each is replaced in one step)", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if args.debug:
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (run again with --debug and report it)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
