"""``sanctio scan TEXT_FILE…``: mentions of listed parties in free text (news, documents)."""

from __future__ import annotations

import hashlib
import html
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer

from sanctio.cli.common import audit_screening, open_registry

if TYPE_CHECKING:
    from sanctio.scan import ScanResult


def render_html(results: list[tuple[str, ScanResult]]) -> str:
    """The documents with each mention highlighted (``<mark>``) and linked: its title holds
    the entity id, the score and the matched name; plain text is shown as preformatted."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>sanctio scan</title>"
             "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
             "pre{white-space:pre-wrap;font-family:inherit}"
             "mark{background:#ffd54f}mark a{color:inherit;text-decoration:none}</style>"
             "</head><body>"]
    for text, r in results:
        s = r.summary()
        parts.append(f"<h2>{html.escape(r.document or '')}</h2><p>{s['mentions']} mention(s) "
                     f"of {s['parties']} listed part{'y' if s['parties'] == 1 else 'ies'}: "
                     + ", ".join(f"<a id='{html.escape(e['entity_id'])}'>"
                                 f"{html.escape(e['name'])}</a> ({html.escape(e['entity_id'])}:"
                                 f" {e['mentions']})" for e in s["entities"]) + "</p>")
        out = []
        pos = 0
        escape = (lambda t: t) if r.html else html.escape
        for m in r.mentions:
            out.append(escape(text[pos:m.start]))
            title = (f"{m.match.entity_id} score {m.match.score:.2f}: {m.match.matched_name} "
                     f"({', '.join(f'{d.source}:{d.source_id}' for d in m.match.designations)})")
            out.append(f"<mark data-entity='{html.escape(m.match.entity_id, quote=True)}' "
                       f"title='{html.escape(title, quote=True)}'>"
                       f"<a href='#{html.escape(m.match.entity_id, quote=True)}'>"
                       f"{escape(text[m.start:m.end])}</a></mark>")
            pos = m.end
        out.append(escape(text[pos:]))
        body = "".join(out)
        parts.append(f"<div class='doc'>{body}</div>" if r.html else f"<pre>{body}</pre>")
    parts.append("</body></html>")
    return "".join(parts)


def register(app: typer.Typer) -> None:
    @app.command("scan")
    def scan_cmd(
        files: Annotated[list[Path], typer.Argument(help="Text or HTML files ('-' for "
                                                         "standard input).")],
        threshold: Annotated[float | None, typer.Option(help="Mention threshold (default "
                                                             "0.85).")] = None,
        json_out: Annotated[bool, typer.Option("--json", help="JSON Lines: one object per "
                                                              "document.")] = False,
        html_out: Annotated[Path | None, typer.Option("--html", help="Write the documents "
                                                      "with mentions highlighted here.")] = None,
        as_html: Annotated[bool | None, typer.Option(
            "--as-html/--as-text", help="Read the files as HTML or as plain text (default: "
                                        "told from the content).")] = None,
        home: Annotated[Path | None, typer.Option(help="Registry folder.")] = None,
    ) -> None:
        """Find every mention of a listed party in free text (news, remittance information):
        character offsets, the entity, score, explanation, designations and the sentence."""
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from sanctio.scan import text_scanner
        from sanctio.screen import Screener

        err = Console(stderr=True)
        docs: list[tuple[str, str]] = []
        for f in files:
            try:
                raw = sys.stdin.buffer.read() if str(f) == "-" else f.read_bytes()
            except OSError as exc:
                err.print(f"[red]cannot read {escape(str(f))}: {escape(str(exc))}[/red]")
                raise typer.Exit(2) from exc
            docs.append((str(f), raw.decode("utf-8", errors="replace")))
        reg = open_registry(home)
        scanner = text_scanner(Screener(reg))
        results: list[tuple[str, ScanResult]] = []
        console = Console()
        for name, text in docs:
            r = scanner.scan(text, threshold=threshold, is_html=as_html, document=name)
            results.append((text, r))
            if json_out:
                sys.stdout.write(orjson.dumps(r.to_dict()).decode() + "\n")
                continue
            s = r.summary()
            console.print(f"[bold]{escape(name)}[/bold]: {s['mentions']} mention(s) of "
                          f"{s['parties']} listed part{'y' if s['parties'] == 1 else 'ies'}")
            if r.mentions:
                table = Table(show_lines=False)
                for col in ("offsets", "text", "score", "entity", "lists", "sentence"):
                    table.add_column(col)
                for m in r.mentions:
                    desig = ", ".join(f"{d.source}:{d.source_id}" for d in m.match.designations)
                    sentence = m.sentence if len(m.sentence) <= 160 else m.sentence[:157] + "..."
                    table.add_row(f"{m.start}-{m.end}", escape(m.text), f"{m.match.score:.2f}",
                                  escape(f"{m.match.name} ({m.match.entity_id})"),
                                  escape(desig), escape(sentence))
                console.print(table)
        audit_screening(
            reg, "screening.scan",
            [{"document": n, "sha256": hashlib.sha256(t.encode()).hexdigest()}
             for n, t in docs],
            sum(1 for _, r in results if r.mentions),
            results[0][1].threshold if results else None,
            dict(scanner.screener.list_versions), command="scan")
        if html_out is not None:
            html_out.write_text(render_html(results), encoding="utf-8")
            if not json_out:
                console.print(f"[dim]highlighted text written to {escape(str(html_out))}[/dim]")
