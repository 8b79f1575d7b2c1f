"""The raw-text view (van-ban-goc.txt) of every hostile input that became a
post, opened in headless Chromium as a static server serves it: it is
text/plain, so no payload in it runs and no element is made of it: the
document is Chromium's plain-text viewer (one <pre>) holding the text as is."""

from __future__ import annotations

import threading

from test_hostile_browser import CHROMIUM_ARGS, HOOKS, _chromium_or_skip, served_site  # noqa: F401 - a fixture

# What Chromium's viewer for text/plain is made of; anything else would come from the text.
VIEWER = """
() => ({
  type: document.contentType,
  tags: Array.from(document.querySelectorAll("*"), el => el.tagName.toLowerCase()),
  onattrs: Array.from(document.querySelectorAll("*")).flatMap(el => Array.from(el.attributes, a => a.name)).filter(n => n.startsWith("on")),
  text: document.body ? document.body.innerText : null,
  scripts: document.scripts.length,
})
"""


def visit(output, root, executable) -> tuple[list[str], int]:
    from playwright.sync_api import sync_playwright

    copies = sorted(p.relative_to(output).as_posix() for p in (output / "bai").glob("*/van-ban-goc.txt"))
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(java_script_enabled=True)
            context.add_init_script(HOOKS)
            requests: list[str] = []
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            current = {"path": ""}
            page.on("dialog", lambda dialog: (problems.append(f"{current['path']}: dialog {dialog.message!r}"), dialog.dismiss()))
            page.on("pageerror", lambda error: problems.append(f"{current['path']}: page error {error}"))
            page.on("download", lambda download: problems.append(f"{current['path']}: offered as a download, not shown"))
            for path in copies:
                current["path"] = path
                requests.clear()
                response = page.goto(f"{root}/{path}", wait_until="load")
                page.wait_for_timeout(20)
                found = page.evaluate(VIEWER)
                called = page.evaluate("window.__xss")
                expected = (output / path).read_bytes().decode("utf-8-sig")
                if not response.headers.get("content-type", "").startswith("text/plain") or found["type"] != "text/plain":
                    problems.append(f"{path}: served as {response.headers.get('content-type')}, read as {found['type']}")
                if set(found["tags"]) - {"html", "head", "body", "pre", "meta", "style", "link"} or found["tags"].count("pre") != 1:
                    problems.append(f"{path}: elements {found['tags']}")
                if found["scripts"] or found["onattrs"] or called:
                    problems.append(f"{path}: scripts {found['scripts']}, handlers {found['onattrs']}, called {called}")
                if [url for url in requests if url != f"{root}/{path}"]:
                    problems.append(f"{path}: requests {requests}")
                if found["text"].rstrip("\n") != expected.rstrip("\n"):
                    problems.append(f"{path}: text differs from the file")
        finally:
            browser.close()
    return problems, len(copies)


def test_every_raw_text_view_of_the_hostile_corpus_is_inert(served_site):  # noqa: F811
    from test_hostile import hostile_build

    executable = _chromium_or_skip()
    output, root = served_site
    report = hostile_build()["report"]
    published = [entry for entry in report["files"] if entry["status"] in ("converted", "kept")]
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = visit(output, root, executable)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=run)  # (another test's Playwright may hold this thread's loop)
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive()
    if "error" in outcome:
        raise outcome["error"]
    problems, count = outcome["value"]
    assert count == len(published) > 20  # one view per input that became a post
    assert not problems, "\n".join(problems)
