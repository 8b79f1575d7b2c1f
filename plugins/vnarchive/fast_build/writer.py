"""A Writer that renders only the pages whose inputs changed since the last build.

Pelican renders and writes every page on every build, even with its content
cache on. This writer records, while it renders a page, every name the
templates look up in the context (Jinja looks up all names of a block or
macro when it starts, and an include's only when it is included, so a
sidebar included only on page 1 is not a dependency of page 2), and stores a key: a digest (digest.py) of the values of those names,
of the template files, plugin code and settings. On the next build the same
names are looked up again; if the key and the file on disk are those of the
last build, the page is not rendered. Pelican's `content_written` signal is
still sent, so plugins that list pages (sitemaps) see every page. Feeds are
skipped the same way. Files written by an earlier build and not produced any
more (a removed article) are deleted; other files in the output are left alone.

In a job of the sharded build (vnarchive.shards) the writer asks that
plugin's path filter first and lays out only the pages the job owns.

The writer is a mixin: the plugin puts it in front of whatever Writer another
plugin supplies (the feeds plugin's FeedWriter, say), or Pelican's own.

Contract for templates (docs/performance.md): a paginated template uses the
current page (`articles_page`, `dates_page`, the paginator's page count,
previous/next pages), not the whole list it paginates (its length is in the
key); a listing shows its articles' own fields, not the fields of the
articles they link to (related, previous/next). The tests build a site
incrementally and from scratch and compare every file, and FAST_BUILD =
{"VERIFY": True} renders every kept page anyway and reports any difference.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import time
from collections import ChainMap
from importlib import metadata as importlib_metadata
from pathlib import Path

import jinja2
from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from vnarchive.common.workers import cpu_count, run_forked

from . import DEFAULT_SETTINGS, PLUGIN
from .digest import Digester, Unstable, settings_digest
from .pagination import StablePaginator

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 3


def options(settings) -> dict:
    """FAST_BUILD over the defaults (DEFAULT_SETTINGS in __init__.py). Skipping keeps its
    state with Pelican's cache, so with CACHE_CONTENT off nothing is kept (and nothing
    written) between builds."""
    merged = PLUGIN.options(settings)
    if not settings.get("CACHE_CONTENT"):
        merged["SKIP_UNCHANGED"] = merged["DELETE_STALE"] = False
    jobs = merged["JOBS"]
    if jobs is None:
        jobs = cpu_count()
    elif not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        logger.warning("fast_build: JOBS must be a positive integer or None, got %r; rendering inline", jobs)
        jobs = 1
    merged["JOBS"] = jobs
    queue = merged["QUEUE"]
    if not isinstance(queue, int) or isinstance(queue, bool) or queue < 1:
        logger.warning("fast_build: QUEUE must be a positive integer, got %r; using %d", queue, DEFAULT_SETTINGS["QUEUE"])
        merged["QUEUE"] = DEFAULT_SETTINGS["QUEUE"]
    return merged


def _version(name: str) -> str:
    try:
        return importlib_metadata.version(name)
    except importlib_metadata.PackageNotFoundError:
        return "?"


def _hash_tree(h, folder: Path, suffixes: tuple[str, ...]) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or not path.name.endswith(suffixes):
            continue
        h.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\x00")
        h.update(path.read_bytes())


def environment_digest(settings) -> bytes:
    """Templates, plugin code and library versions: a change re-renders everything."""
    h = hashlib.blake2b(digest_size=16)
    for name in ("pelican", "jinja2", "markdown", "feedgenerator", "babel"):
        h.update(f"{name}={_version(name)};".encode())
    chosen = options(settings)
    h.update(repr([(k, chosen[k]) for k in ("SALT", "STABLE_PAGINATION", "FAST_MARKDOWN", "KEEP_URLS")]).encode())
    import pelican

    folders = [Path(settings.get("THEME", "")) / "templates", Path(pelican.__file__).parent / "themes" / "simple" / "templates"]
    folders += [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    for folder in folders:
        h.update(b"\x00T" + str(folder).encode("utf-8", "surrogateescape"))
        _hash_tree(h, folder, (".html", ".xml", ".txt", ".j2", ".jinja", ".jinja2"))
    import vnarchive

    # This project's plugins wherever they are installed, and any others in PLUGIN_PATHS.
    for folder in [Path(vnarchive.__file__).parent, *map(Path, settings.get("PLUGIN_PATHS", []))]:
        h.update(b"\x00P" + str(folder).encode("utf-8", "surrogateescape"))
        _hash_tree(h, folder, (".py",))
    return h.digest()


# The names the page being rendered has looked up (None: not recording).
_RECORDING: set[str] | None = None


class _RecordingContext:
    """Mixed into the Jinja Context class: notes every name a template looks up.

    Jinja looks names up when the template code that uses them runs (an
    included template only if it is included on this page), so the set is
    what this page was rendered from; filters that read the context through
    it are recorded too.
    """

    def resolve_or_missing(self, key):
        if _RECORDING is not None:
            _RECORDING.add(key)
        return super().resolve_or_missing(key)


def record_lookups(environment: jinja2.Environment) -> None:
    """Make an environment's contexts record their lookups (idempotent)."""
    current = environment.context_class
    if not issubclass(current, _RecordingContext):
        environment.context_class = type(f"Recording{current.__name__}", (_RecordingContext, current), {})


class FastBuildMixin:
    """Mix in front of a pelican Writer (see module docstring)."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._fb = options(self.settings)
        self._digester = Digester()
        self._env = environment_digest(self.settings) + settings_digest(self.settings)
        self._manifest_path = self._manifest_file()
        self._old_env = None  # the environment digest the last build's keys were made with
        self._old = self._load_manifest() if self._fb["SKIP_UNCHANGED"] else {}
        self._new: dict[str, tuple] = {}  # rel path -> (key, names, size, mtime_ns)
        self._names: dict[frozenset, frozenset] = {}  # one object per distinct name set (smaller manifest)
        self.stats = {"rendered": 0, "skipped": 0, "untracked": 0, "feeds_rendered": 0, "feeds_skipped": 0, "stale_deleted": 0, "verify_mismatch": 0}
        self._rendered_sample: list[str] = []  # for last-build.json: what a rebuild touched
        self._queue: list[_Job] = []  # pages to render, run by flush() over JOBS processes
        self._queued: dict[str, int] = {}  # path -> its job in the queue
        # Pelican's own write_file (with its own pagination) unless another writer replaced it.
        self._own_pages = type(self).__mro__[type(self).__mro__.index(FastBuildMixin) + 1].write_file is Writer.write_file
        self._holding = False  # inside Pelican's write_file, recording pages (write_file)
        self._owns = None  # vnarchive.shards' page filter, looked up at the first page
        _ACTIVE[os.path.abspath(output_path)] = self

    # -- manifest -------------------------------------------------------------

    def _manifest_file(self) -> Path:
        cache = Path(self.settings.get("CACHE_PATH") or "cache")
        tag = hashlib.blake2b(os.path.abspath(self.output_path).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
        return cache / "fast_build" / f"outputs-{tag}.pickle"

    def _load_manifest(self) -> dict:
        try:
            with open(self._manifest_path, "rb") as handle:
                data = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION or data.get("output") != os.path.abspath(self.output_path):
            return {}
        self._old_env = data.get("env")
        return data.get("files", {})

    def finish(self) -> dict:
        """Called once the build is written: delete stale files, save the manifest."""
        self.flush()
        if not self._fb["SKIP_UNCHANGED"]:
            return dict(self.stats)
        if self._fb["DELETE_STALE"]:
            for rel, entry in self._old.items():
                if rel not in self._new:
                    self._delete_if_ours(rel, entry[2], entry[3])
        try:
            self._manifest_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._manifest_path.with_suffix(".tmp")
            with open(tmp, "wb") as handle:
                pickle.dump({"version": MANIFEST_VERSION, "output": os.path.abspath(self.output_path), "env": self._env, "files": self._new}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._manifest_path)
        except OSError as error:
            logger.warning("fast_build: cannot save %s: %s", self._manifest_path, error)
        stats = dict(self.stats)
        logger.info(
            "fast_build: %d pages rendered, %d unchanged; %d feeds written, %d unchanged; %d stale files deleted",
            stats["rendered"], stats["skipped"], stats["feeds_rendered"], stats["feeds_skipped"], stats["stale_deleted"],
        )
        try:
            import json

            report = {**stats, "rendered_sample": self._rendered_sample}
            (self._manifest_path.parent / "last-build.json").write_text(json.dumps(report, ensure_ascii=False, indent=0), encoding="utf-8")
        except OSError:
            pass
        return stats

    def _delete_if_ours(self, rel: str, size: int, mtime: int) -> None:
        path = os.path.join(self.output_path, rel)
        try:
            stat = os.stat(path)
        except OSError:
            return
        if stat.st_size != size or stat.st_mtime_ns != mtime:
            return  # changed since we wrote it: not ours any more
        os.unlink(path)
        self.stats["stale_deleted"] += 1
        folder = os.path.dirname(path)
        root = os.path.abspath(self.output_path)
        while os.path.abspath(folder).startswith(root + os.sep):
            try:
                os.rmdir(folder)
            except OSError:
                break
            folder = os.path.dirname(folder)

    # -- bookkeeping shared with Pelican's Writer -------------------------------

    def _claim(self, filename: str, override: bool) -> bool:
        """Pelican's _open_w checks without opening: False when the write is to be dropped."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', filename)
            return False
        if filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it previously (set `override=True` if intended)'
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _rel(self, path: str) -> str:
        return os.path.relpath(path, self.output_path)

    def _on_disk_as_left(self, entry: tuple, path: str) -> bool:
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return stat.st_size == entry[2] and stat.st_mtime_ns == entry[3]

    def _record(self, rel: str, key: bytes | None, names: frozenset, path: str) -> None:
        if key is None:
            self._new.pop(rel, None)
            return
        try:
            stat = os.stat(path)
        except OSError:
            return
        names = self._names.setdefault(names, names)
        self._new[rel] = (key, names, stat.st_size, stat.st_mtime_ns)

    def _keep(self, rel: str) -> None:
        self._new[rel] = self._old[rel]

    # -- pages ------------------------------------------------------------------

    def _page_key(self, template, localcontext: dict, name: str, relative_urls: bool, override: bool, names: frozenset, exclude: frozenset) -> bytes | None:
        """Digest of everything the page was rendered from: the names its templates looked up.

        Lists being paginated (`articles`, `dates`) count only through the
        current page and their length (a listing may say "26 bài"; see the
        module docstring); names Jinja found in its globals are digested
        from there.
        """
        h = hashlib.blake2b(self._env, digest_size=16)
        h.update(f"{template.name}\x00{name}\x00{relative_urls}\x00{override}".encode("utf-8", "surrogateescape"))
        feed = self._digester.feed
        env_globals = template.environment.globals
        try:
            for ref in sorted(names):
                if ref in exclude:
                    h.update(b"\x00#%s=%d" % (ref.encode("utf-8", "surrogateescape"), len(localcontext.get(ref) or ())))
                    continue
                h.update(b"\x00" + ref.encode("utf-8", "surrogateescape"))
                if ref in localcontext:
                    feed(h, localcontext[ref])
                elif ref in env_globals:
                    h.update(b"g")
                    feed(h, env_globals[ref])
                else:
                    h.update(b"-missing-")
        except Unstable as why:
            logger.debug("fast_build: %s always rendered: %s", name, why)
            return None
        return h.digest()

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's write_file, each page handed to _write_page instead of rendered.

        Pelican builds every page's local context (paginating the listings)
        inside write_file; it runs here with a template that records those
        contexts instead of rendering, files that are not opened, its
        `content_written` signal and "Writing" log held back (_write_page
        sends them once a page is on disk), and this build's paginator.
        """
        if not self._own_pages:
            return super().write_file(name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs)
        if name and self._not_ours(self._rel(sanitised_join(self.output_path, name))) and self._skip_whole(name, paginated, template_name, kwargs, context):
            return None
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        # Paginated lists count in a page's key through its own page only (_page_key).
        exclude = frozenset(paginated) if paginated and template_name in self.settings["PAGINATED_TEMPLATES"] else frozenset()
        pages: list[dict] = []
        paginator = StablePaginator if self._fb["STABLE_PAGINATION"] else Paginator
        with _pelican_write_held(self, paginator):
            super().write_file(name, _Recorder(pages), context, relative_urls, paginated, template_name, override_output, url, **kwargs)
        for local in pages:
            self._write_page(template, context, local, local["output_file"], relative_urls, override_output, exclude)

    def _skip_whole(self, name, paginated, template_name, kwargs, context) -> bool:
        """A page another job of a sharded build owns, before Pelican lays it out: a job that
        announces others' pages (the listing job, for the sitemap) announces a single page
        here; the pages of a paginated listing share its first page's owner (they are in
        its folder), and are laid out only when they must be announced."""
        paged = (paginated if paginated is not None else {k for k in kwargs if k in {"articles", "dates"}}) and template_name in self.settings["PAGINATED_TEMPLATES"]
        if not getattr(self._owns, "announce", False):
            return True
        if paged:
            return False
        # A view of what Pelican's own local context would hold (not a copy of the site's context for
        # each of the archive's articles: receivers read it, as sitemap_index does).
        local = ChainMap({"output_file": name}, kwargs, context)
        signals.content_written.send(sanitised_join(self.output_path, name), context=local)
        return True

    def _not_ours(self, rel: str) -> bool:
        """In a job of a sharded build (vnarchive.shards), whether another job owns this path."""
        if self._owns is None:
            from vnarchive.shards import output_filter

            self._owns = output_filter(self.output_path) or False
        return self._owns is not False and not self._owns(rel)

    def _open_w(self, filename, encoding, override=False):
        if self._holding:  # write_file's pages: claimed and written by _write_page
            return io.StringIO()
        return super()._open_w(filename, encoding, override)

    def _write_page(self, template, context, local: dict, name: str, relative_urls: bool, override: bool, exclude: frozenset) -> None:
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        rel = self._rel(path)
        if self._not_ours(rel):  # a sharded build's other job renders it; plugins listing pages still hear of it
            signals.content_written.send(path, context=local)
            return
        skipping = self._fb["SKIP_UNCHANGED"]
        # After a change of templates, plugin code or settings no old key can match: no need to compute one.
        old = self._old.get(rel) if skipping and self._old_env == self._env else None
        if old is not None and path not in self._written_files:
            key = self._page_key(template, local, name, relative_urls, override, old[1], exclude)
            if key is not None and key == old[0] and self._on_disk_as_left(old, path):
                if not self._claim(path, override):
                    return
                if self._fb["VERIFY"]:
                    self._verify(template, local, path)
                self._keep(rel)
                self.stats["skipped"] += 1
                signals.content_written.send(path, context=local)
                return
        if not self._claim(path, override):
            return
        if skipping:
            record_lookups(template.environment)
        self._enqueue(_Job(template, local, path, rel, name, relative_urls, override, exclude))
        if self._fb["JOBS"] == 1:
            self.flush()

    def _enqueue(self, job) -> None:
        earlier = self._queued.get(job.path)
        if earlier is not None:  # overridden before it was rendered: only the last write counts
            self._queue[earlier].superseded = True
        self._queued[job.path] = len(self._queue)
        self._queue.append(job)
        if len(self._queue) >= self._fb["QUEUE"]:  # each job holds a copy of the context: bound their memory
            self.flush()

    def flush(self) -> None:
        """Render the queued pages, over JOBS forked processes, then record them
        and send `content_written` for each, in the order they were asked for."""
        jobs, self._queue, self._queued = self._queue, [], {}
        if not jobs:
            return
        began = time.perf_counter()
        results = run_forked(jobs, self._run, self._fb["JOBS"])
        if len(jobs) > 1:
            logger.info("fast_build: %d pages and feeds rendered in %.1f s by %d processes", len(jobs), time.perf_counter() - began, min(self._fb["JOBS"], len(jobs)))
        for job, result in zip(jobs, results):
            if isinstance(job, _FeedJob):
                if not job.superseded:
                    key, size, mtime = result
                    if key is None:
                        self._new.pop(job.rel, None)
                    else:
                        self._new[job.rel] = (key, frozenset(), size, mtime)
                    logger.info('Writing "%s"', job.path)
                    self.stats["feeds_rendered"] += 1
                continue
            if self._fb["SKIP_UNCHANGED"] and not job.superseded:
                key, names, size, mtime = result
                if key is None:
                    self.stats["untracked"] += 1
                    self._new.pop(job.rel, None)
                else:
                    self._new[job.rel] = (key, self._names.setdefault(names, names), size, mtime)
            logger.info('Writing "%s"', job.path)
            self.stats["rendered"] += 1
            if len(self._rendered_sample) < 300:
                self._rendered_sample.append(job.rel)
            signals.content_written.send(job.path, context=job.local)

    def _run(self, job):
        return self._render_feed(job) if isinstance(job, _FeedJob) else self._render(job)

    def _render_feed(self, job: "_FeedJob"):
        """Write one queued feed through the writer this mixin stands in front of; (key, size, mtime)."""
        if job.superseded:
            return None
        # Claimed when queued; the base writer claims again as it opens the file.
        self._written_files.discard(job.path)
        self._overridden_files.discard(job.path)
        super().write_feed(job.elements, job.context, job.feed_path, job.url, job.feed_type, job.override, job.feed_title)
        key = self._feed_key(job.elements, job.context, (job.feed_path, job.url, job.feed_type, job.override, job.feed_title))
        stat = os.stat(job.path)
        return key, stat.st_size, stat.st_mtime_ns

    def _render(self, job: "_Job"):
        """Render and write one page; (key, names looked up, size, mtime) when skipping is on.
        Runs in this process or a forked one (vnarchive.common.workers): it returns what the parent records."""
        global _RECORDING
        if job.superseded:
            return None
        skipping = self._fb["SKIP_UNCHANGED"]
        names: set[str] = set()
        outer, _RECORDING = _RECORDING, (names if skipping else None)
        try:
            output = job.template.render(job.local)
        finally:
            _RECORDING = outer
        os.makedirs(os.path.dirname(job.path), exist_ok=True)
        with open(job.path, "w", encoding="utf-8") as handle:
            handle.write(output)
        if not skipping:
            return None
        frozen = frozenset(names)
        key = self._page_key(job.template, job.local, job.name, job.relative_urls, job.override, frozen, job.exclude)
        stat = os.stat(job.path)
        return key, frozen, stat.st_size, stat.st_mtime_ns

    def _verify(self, template, local: dict, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                on_disk = handle.read()
        except OSError:
            on_disk = None
        if template.render(local) != on_disk:
            self.stats["verify_mismatch"] += 1
            logger.warning("fast_build: %s was kept but would render differently", path)

    # -- feeds ------------------------------------------------------------------

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False, feed_title=None):
        if path and self._not_ours(self._rel(sanitised_join(self.output_path, path))):
            return None
        listeners = bool(signals.feed_generated.receivers or signals.feed_written.receivers)
        if not path or listeners or not self._fb["SKIP_UNCHANGED"]:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        complete = sanitised_join(self.output_path, path)
        rel = self._rel(complete)
        elements = elements if isinstance(elements, (list, tuple)) else list(elements)
        arguments = (path, url, feed_type, override_output, feed_title)
        old = self._old.get(rel) if self._old_env == self._env else None
        if old is not None and complete not in self._written_files:
            key = self._feed_key(elements, context, arguments)
            if key is not None and old[0] == key and self._on_disk_as_left(old, complete):
                if self._claim(complete, override_output):
                    self._keep(rel)
                    self.stats["feeds_skipped"] += 1
                return None
        if self._fb["JOBS"] > 1:  # rendered with the pages, over every core (flush); the key there too
            if not self._claim(complete, override_output):
                return None
            self._enqueue(_FeedJob(list(elements), context, path, url, feed_type, override_output, feed_title, complete, rel))
            return None
        result = super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        self._record(rel, self._feed_key(elements, context, arguments), frozenset(), complete)
        self.stats["feeds_rendered"] += 1
        return result

    def _feed_key(self, elements, context, arguments: tuple) -> bytes | None:
        """Digest of what a feed is written from: its arguments, the site fields, its articles."""
        try:
            h = hashlib.blake2b(self._env, digest_size=16)
            h.update("feed\x00{}\x00{}\x00{}\x00{}\x00{}".format(*arguments).encode("utf-8", "surrogateescape"))
            for name in ("SITEURL", "FEED_DOMAIN", "SITENAME", "SITESUBTITLE", "DEFAULT_LANG"):
                self._digester.feed(h, context.get(name))
            shown = getattr(self, "feed_inputs", None)  # a feed writer that lists only some elements says which
            self._digester.feed(h, shown(elements) if shown is not None else elements)
            return h.digest()
        except Unstable:
            return None


class _Job:
    """A page waiting to be rendered: what _write_page had in hand."""

    __slots__ = ("template", "local", "path", "rel", "name", "relative_urls", "override", "exclude", "superseded")

    def __init__(self, template, local, path, rel, name, relative_urls, override, exclude):
        self.template, self.local, self.path, self.rel, self.name = template, local, path, rel, name
        self.relative_urls, self.override, self.exclude = relative_urls, override, exclude
        self.superseded = False


class _FeedJob:
    """A feed waiting to be written: write_feed's arguments, where it goes and its key."""

    __slots__ = ("elements", "context", "feed_path", "url", "feed_type", "override", "feed_title", "path", "rel", "superseded")

    def __init__(self, elements, context, feed_path, url, feed_type, override, feed_title, path, rel):
        self.elements, self.context, self.feed_path, self.url, self.feed_type = elements, context, feed_path, url, feed_type
        self.override, self.feed_title, self.path, self.rel = override, feed_title, path, rel
        self.superseded = False


class _Recorder:
    """The template Pelican's write_file is given: records each page's local
    context (its `output_file` is the page's name) instead of rendering it."""

    def __init__(self, pages: list):
        self.pages = pages

    def render(self, localcontext) -> str:
        self.pages.append(localcontext)
        return ""


class _NotWriting(logging.Filter):
    def filter(self, record) -> bool:
        return record.msg != 'Writing "%s"'


@contextlib.contextmanager
def _pelican_write_held(writer, paginator):
    """While Pelican's write_file records pages: no file opened, no
    `content_written`, no "Writing" log, and `paginator` as its Paginator
    (pelican.writers names the class through its module)."""
    import pelican.writers as pelican_writers

    quiet, saved = _NotWriting(), pelican_writers.Paginator
    writer._holding, pelican_writers.Paginator = True, paginator
    pelican_writers.logger.addFilter(quiet)
    try:
        with signals.content_written.muted():
            yield
    finally:
        writer._holding, pelican_writers.Paginator = False, saved
        pelican_writers.logger.removeFilter(quiet)


# Writers of the builds in progress, by output folder (plugin.py finishes them).
_ACTIVE: dict[str, FastBuildMixin] = {}


def finish_build(output_path: str) -> dict | None:
    writer = _ACTIVE.pop(os.path.abspath(output_path), None)
    return writer.finish() if writer is not None else None


def compose(base: type[Writer]) -> type[Writer]:
    """FastBuildMixin in front of a Writer class."""
    return type(f"FastBuild{base.__name__}", (FastBuildMixin, base), {"__module__": __name__})
