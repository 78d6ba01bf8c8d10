"""The MkDocs plugin: adapts the render stage to MkDocs' events; it computes nothing of its own."""
from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from material.plugins.search.plugin import SearchPlugin

from . import render
from .errors import InputError, InputErrors
from .sources import load_sources
from .timelines import load_timelines

log = logging.getLogger("mkdocs.plugins.timeline")


class TimelineConfig(base.Config):
    timelines_dir = opt.Type(str, default="timelines")  # relative to mkdocs.yml
    sources_dir = opt.Type(str, default="sources")  # relative to docs_dir
    # The most megabytes Material's search index may have: a bigger one warns (and fails a strict build). What the
    # index holds, and why this default, is in the README's "Scaling" notes.
    search_index_limit = opt.Type((int, float), default=8)


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Timeline, actor, tag and source pages, generated in memory from timelines/*.yml and the source records."""

    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("timeline plugin: set 'use_directory_urls: true' in mkdocs.yml (its links assume folder URLs)")
        self.root = Path(config.config_file_path).parent
        self.timelines_dir = self.root / self.config.timelines_dir
        self.sources_folder = self.config.sources_dir.strip("/")
        # Our theme folder goes before Material's (after a custom_dir): MkDocs copies its assets into the site.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(render.THEME))
        config.extra_css.extend(a for a in render.ASSETS if a.endswith(".css"))
        config.extra_javascript.extend(a for a in render.ASSETS if a.endswith(".js"))
        return config

    def on_files(self, files: Files, config):
        try:
            timelines = load_timelines(self.timelines_dir, self.root)
            sources = load_sources(Path(config.docs_dir) / self.sources_folder, self.root)
        except (InputError, InputErrors) as error:
            raise PluginError(str(error)) from None
        self.site = render.build_site(config.site_name, timelines, sources, config.site_url or "", self.sources_folder)
        missing = {(e.id, c.source) for e in self.site.all_copies() for c in render.all_citations(e) if c.source not in sources}
        for event_id, source_id in sorted(missing):
            log.warning(f"event '{event_id}' cites a missing source '{source_id}' (run `timeline check`)")
        self.pages = {p.src_uri: p for p in render.pages(self.site, with_home=files.get_file_from_path("index.md") is None)}
        written = {page.url: page for page in self.pages.values() if page.kind != "source"}
        for page in self.pages.values():
            if page.kind == "source":
                if page.url in written:  # a record named like a year of the sources list ('2024', 'undated')
                    raise PluginError(f"{config.docs_dir}/{page.src_uri}: its page {page.url} clashes with the sources "
                                      f"page '{written[page.url].title}' (rename the record)")
                continue  # the record file itself is the page; its HTML is replaced below
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri} clashes with a page the timeline plugin writes "
                                  "(rename or remove it)")
            files.append(File.generated(config, page.src_uri, content=""))
        if config.nav is None:
            config.nav = self._nav(files)
        return files

    def _nav(self, files: Files) -> list:
        """Home, the timelines, the indexes, then the site's own pages; single actor, tag and source pages, and the
        year and month pages of long lists, stay out (they are reached from the page above them)."""
        first = {uri: p for uri, p in self.pages.items() if p.part is None or not p.part.path}
        timelines = [uri for uri, p in first.items() if p.kind == "timeline"]
        nav = ["index.md"] + ([{"Timelines": timelines}] if timelines else [])
        nav += [uri for uri, p in first.items() if p.kind in ("actors", "tags", "sources")]
        nav += sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in self.pages and f.src_uri != "index.md")
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return markdown
        # The theme prints page.meta.title unescaped; an escaped (Markup) title shows as text. The record's own
        # front matter never reaches the theme or the search index.
        page.meta = {"title": escape(spec.title)}
        return ""  # the text is untrusted: Markdown never sees it; on_page_content puts our escaped HTML in

    def on_page_content(self, html, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return html
        page.toc = get_toc([{"level": 2, "id": anchor, "name": label, "children": []}
                            for anchor, label in render.toc(self.site, spec)])
        return ""  # rendered when the page is written (on_page_context): MkDocs reads every page before it writes one

    @event_priority(50)  # before the search plugin indexes the page
    def on_page_context(self, context, page, config, nav):
        """The page's HTML, made as the page is written and dropped once it is (on_post_page), so that memory holds
        one generated page at a time rather than all of them (about 600 MB at 10,000 articles).

        Material's search plugin reads the whole HTML of a page to index it, which took more than half of a site
        build at 10,000 articles; where all but the page's head is kept out of the index, it is given the head."""
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return context
        html, indexed = render.render_page(self.site, spec)
        search = config.plugins.get("material/search")
        if len(indexed) < len(html) and isinstance(search, SearchPlugin) and search.config.enabled:
            page.content = indexed
            search.on_page_context(context, page=page, config=config, nav=nav)
            page.meta["search"] = {"exclude": True}  # indexed: its own call, next, only strips attributes
        page.content = html
        return context

    def on_post_page(self, output, page, config):
        if page.file.src_uri in self.pages:
            page.content = ""
        return output

    def on_serve(self, server, config, builder):
        server.watch(str(self.timelines_dir))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        for path, text in render.exports(self.site).items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        index = Path(config.site_dir) / "search" / "search_index.json"
        size = index.stat().st_size / 1e6 if index.exists() else 0
        if size > self.config.search_index_limit:
            log.warning(f"the search index is {size:.1f} MB, over the timeline plugin's search_index_limit of "
                        f"{self.config.search_index_limit} MB (see the README's Scaling notes)")
