"""Helpers for driving the results page in the browser tests."""

from __future__ import annotations

SETTLED = "['done','empty','error','idle'].includes(document.getElementById('cx-search')?.dataset.state)"


def wait_results(page) -> str:
    page.wait_for_function(SETTLED, timeout=20000)
    return page.eval_on_selector("#cx-search", "e => e.dataset.state")


def hits(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".cx-search-hit",
        """els => els.map(e => ({href: new URL(e.querySelector('a').href).pathname,
              title: e.querySelector('h2').innerText, meta: e.querySelector('.cx-search-hit__meta').innerText,
              marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""",
    )
