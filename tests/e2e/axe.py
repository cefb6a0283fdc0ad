"""axe-core (from npm, tests/node) run inside the page Playwright shows, for WCAG 2.1 AA.

`violations(page)` injects axe.min.js and returns what it finds against the WCAG 2.0/2.1
A and AA rules at the impacts the tests refuse (serious, critical, unless the caller names
others), one line per element,
so a failing assertion names the rule, the element and axe's own explanation.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).parents[1] / "node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REFUSED = ("serious", "critical")

_RUN = """async ([tags, refused]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.filter(v => refused.includes(v.impact)).flatMap(v =>
    v.nodes.map(n => `${v.impact} ${v.id}: ${n.target.join(' ')}: ` +
                     `${n.html.slice(0, 160)} -- ${n.failureSummary.replace(/\\s+/g, ' ')}`));
}"""


def violations(page: Page, impacts: tuple[str, ...] = REFUSED) -> list[str]:
    """The WCAG 2.1 A/AA violations of these impacts (by default serious and critical)
    on the page as it is now."""
    if not AXE.is_file():
        raise RuntimeError("axe-core is not installed: `make node` (npm ci in tests/node)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the public page's Content-Security-Policy
        # (default-src 'none') rightly refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(page.evaluate(_RUN, [WCAG_AA, list(impacts)]))
