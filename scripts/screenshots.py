"""Take the README's screenshots from the demo data in headless Chromium.

Usage: start the demo (`make run`, or `doithoai runserver 127.0.0.1:8077` on a database
loaded with `doithoai demo`), then `python scripts/screenshots.py [BASE_URL]`.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs"
PASSWORD = "matkhau-demo-2018"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = [
    ("hctc", "/kien-nghi/tiep-nhan/", "secretariat-inbox.png"),
    ("chanhvp", "/", "head-home.png"),
    ("thanhtra", "/giam-sat/", "inspection-board.png"),
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for username, path, name in SHOTS:
            page = browser.new_page(viewport={"width": 1200, "height": 800}, locale="vi-VN")
            page.goto(BASE + "/dang-nhap/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("form.stack button[type=submit]")
            page.goto(BASE + path)
            page.screenshot(path=str(OUT / name), full_page=False)
            print(OUT / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
