"""``./course lab`` opens the course's start page in a real JupyterLab, without JupyterLab's news pop-up.

The test server runs with the same options as ``./course lab`` (``fsgeom.lab.course_args``, nothing of its own),
opens the page ``./course lab`` opens (``fsgeom.lab.START_PAGE``), and checks: the start page is the current
document and shows both languages' titles and a link to every module's lecture and assignment; the effective
notification settings are the course's (news off, no update check); and no toast mentions news or updates."""
from __future__ import annotations

import json

from fsgeom import modules
from fsgeom.lab import START_PAGE

NEWS_WORDS = ("news", "новин", "update", "оновлен")


def test_course_lab_opens_the_start_page_without_news(lab, timing):
    timing("start_page_open_s", lab.open(START_PAGE))
    shown = lab.wait_js(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const md = [...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.innerText).join('\\n');
            const links = [...document.querySelectorAll('.jp-RenderedMarkdown a')].map(a => a.getAttribute('href'));
            return md.length > 200 ? {path: w.context.path, text: md, links: links} : false;
        }""", timeout=30, what="the start page's markdown to render")
    assert shown["path"] == START_PAGE
    assert "Геометрія простору ознак" in shown["text"] and "Feature-space geometry" in shown["text"]
    links = " ".join(shown["links"])    # JupyterLab resolves them to absolute /files/... URLs
    for m in modules.discover():
        for lang in ("uk", "en"):
            assert f"/lectures/{lang}/{m.id}.ipynb" in links, (m.id, lang, shown["links"])
            assert f"/exercises/{lang}/{m.id}/{m.id}.ipynb" in links, (m.id, lang, shown["links"])
    # what the frontend will use: the schema defaults (where the course's overrides.json lands) under the user's
    # own settings (none on this server)
    reply = lab.server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    effective = {k: v.get("default") for k, v in reply["schema"]["properties"].items()} | (reply.get("settings") or {})
    assert effective.get("fetchNews") == "false" and effective.get("checkForUpdates") is False, json.dumps(reply)[:500]
    lab.page.wait_for_timeout(3000)     # the news consent toast appears within a second or two of start-up
    toasts = lab.js("() => [...document.querySelectorAll('.Toastify__toast, .jp-toast-message')].map(t => t.innerText)")
    noisy = [t for t in toasts if any(w in t.lower() for w in NEWS_WORDS)]
    assert not noisy, f"JupyterLab showed: {noisy}"
