"""Where the Great Expectations Data Docs site lives, and `carbon docs` (print or serve it).

No GX import here: printing a path must not cost the ~9 s GX import.
"""

import contextlib
import functools
import http.server
import os
from pathlib import Path

from orchestration.quality.gx_context import context_root

SITE = Path("uncommitted") / "data_docs" / "local_site"


def data_docs_index_path(root: str | os.PathLike | None = None) -> Path:
    """``expectations/uncommitted/data_docs/local_site/index.html`` (of ``root`` if given)."""
    return context_root(root) / SITE / "index.html"


def make_docs_server(port: int, root: str | os.PathLike | None = None):
    """An HTTP server for the Data Docs site, bound to 127.0.0.1 only (port 0: any free one)."""
    directory = str(data_docs_index_path(root).parent)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_or_print_docs(
    serve: bool = False, port: int = 8765, root: str | os.PathLike | None = None
) -> int:
    """Print the Data Docs index path, or serve the site on 127.0.0.1:``port`` until Ctrl-C.

    Returns a process exit code: 1 when no validation has built the site yet.
    """
    index = data_docs_index_path(root)
    if not index.exists():
        print(f"No Data Docs yet at {index}: run a build (make run) first.")
        return 1
    if not serve:
        print(index)
        return 0
    with make_docs_server(port, root) as server:
        print(f"Serving Data Docs on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
