#!/usr/bin/env python3
"""Checks of Sen's SPA in headless Chromium, for `spa.sh smoke` (standard library only).

  spa_smoke.py dom FILE      FILE is Chromium's --dump-dom of the served app: checks the app
                             mounted (title, language switch) and the GET /health fetch settled
  spa_smoke.py click ...     drives Chromium over WebDriver (chromedriver): the app mounts in
                             Vietnamese, the /health fetch settles, and the language switch
                             re-renders the labels and <html lang>

Each exits non-zero on the first failed check.
"""

import argparse
import html.parser
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, base: str):
        self.base = base
        self.session = ""

    def call(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.load(resp)["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}") from e

    def s(self, method: str, path: str, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def find(self, css: str):
        """The element's id, or None."""
        try:
            found = self.s("POST", "/element", {"using": "css selector", "value": css})
        except RuntimeError:
            return None
        return next(iter(found.values()))

    def text(self, css: str) -> str:
        el = self.find(css)
        return "" if el is None else self.s("GET", f"/element/{el}/text")

    def attr(self, css: str, name: str):
        el = self.find(css)
        return None if el is None else self.s("GET", f"/element/{el}/attribute/{name}")

    def click(self, css: str):
        el = self.find(css)
        if el is None:
            raise RuntimeError(f"no element {css}")
        self.s("POST", f"/element/{el}/click", {})

    def script(self, js: str):
        return self.s("POST", "/execute/sync", {"script": js, "args": []})


def wait_for(what: str, probe, want):
    deadline = time.monotonic() + TIMEOUT_S
    got = None
    while time.monotonic() < deadline:
        got = probe()
        if (want(got) if callable(want) else got == want):
            print(f"spa-smoke: ok: {what}: {got!r}", file=sys.stderr)
            return got
        time.sleep(0.2)
    raise AssertionError(f"{what}: got {got!r}")


class Dom(html.parser.HTMLParser):
    """The attributes and text of the elements that have an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, dict] = {}
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        if "id" in el["attrs"]:
            self.by_id[el["attrs"]["id"]] = el
        if tag not in ("meta", "link", "br", "img", "input", "hr"):
            self.open.append(el)

    def handle_endtag(self, tag):
        if self.open and self.open[-1]["tag"] == tag:
            self.open.pop()

    def handle_data(self, data):
        for el in self.open:
            el["text"] += data


def check_dom(path: str) -> int:
    dom = Dom()
    with open(path, encoding="utf-8", errors="replace") as f:
        dom.feed(f.read())
    els = dom.by_id
    problems = []
    title = els.get("app-title")
    if not title or title["text"].strip() != "Sen":
        problems.append('no <h1 id="app-title">Sen</h1>: the app did not mount')
    if "lang-vi" not in els or "lang-en" not in els:
        problems.append("no language switch (#lang-vi, #lang-en)")
    status = els.get("api-status")
    if not status or status["attrs"].get("data-state") not in ("up", "down"):
        problems.append(f"#api-status did not settle (the GET /health fetch): {status}")
    for p in problems:
        print(f"spa-smoke: FAIL: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"spa-smoke: ok: rendered #app-title {title['text']!r}, #api-status "
          f"[{status['attrs']['data-state']}] {status['text'].strip()!r}", file=sys.stderr)
    return 0


def click_test(args) -> int:
    port = free_port()
    log = open(os.path.join(args.work, "chromedriver.log"), "w")
    driver = subprocess.Popen(
        [args.chromedriver, f"--port={port}", "--allowed-ips=127.0.0.1"], stdout=log, stderr=log
    )
    wd = WebDriver(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                if wd.call("GET", "/status").get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError, RuntimeError):
                pass
            if time.monotonic() > deadline or driver.poll() is not None:
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)

        flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={os.path.join(args.work, 'webdriver-profile')}",
        ]
        caps = {"browserName": "chrome", "goog:chromeOptions": {"binary": args.chromium, "args": flags}}
        wd.session = wd.call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})["sessionId"]
        try:
            wd.s("POST", "/url", {"url": args.url})
            wait_for("title", lambda: wd.text("#app-title"), "Sen")
            wait_for("Vietnamese by default", lambda: wd.text("#app-tagline"), "Quản lý quan hệ khách hàng")
            wait_for("/health fetch settled", lambda: wd.attr("#api-status", "data-state"), lambda s: s in ("up", "down"))
            wd.click("#lang-en")
            wait_for("English after the click", lambda: wd.text("#app-tagline"), "Customer relationship management")
            wait_for("<html lang>", lambda: wd.script("return document.documentElement.lang"), "en")
            wait_for("#lang-en pressed", lambda: wd.attr("#lang-en", "aria-pressed"), "true")
            wait_for("status label in English", lambda: wd.text("#api-status-label"), "Server status")
            wd.click("#lang-vi")
            wait_for("Vietnamese again", lambda: wd.text("#api-status-label"), "Trạng thái máy chủ")
        finally:
            wd.call("DELETE", f"/session/{wd.session}")
    except (AssertionError, RuntimeError) as e:
        print(f"spa-smoke: FAIL: {e}", file=sys.stderr)
        return 1
    finally:
        driver.terminate()
        try:
            driver.wait(10)
        except subprocess.TimeoutExpired:
            driver.kill()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    dom = sub.add_parser("dom")
    dom.add_argument("file")
    click = sub.add_parser("click")
    click.add_argument("--chromedriver", required=True)
    click.add_argument("--chromium", required=True)
    click.add_argument("--url", required=True)
    click.add_argument("--work", required=True, help="a scratch directory")
    args = ap.parse_args()
    return check_dom(args.file) if args.cmd == "dom" else click_test(args)


if __name__ == "__main__":
    sys.exit(main())
