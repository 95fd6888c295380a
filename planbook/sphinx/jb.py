"""``jupyter-book`` with parallel Sphinx jobs: ``python -m planbook.sphinx.jb build …``.

Jupyter Book 1.x's command line has no ``-j`` option, although its build
function takes ``jobs``. Reading in parallel also executes the notebooks in
parallel (myst-nb executes a notebook while Sphinx reads it), which on this
book's machines (2 cores) roughly halves a clean build. ``PLANBOOK_JOBS`` sets
the number of processes (default: the number of CPUs). Everything else is
jupyter-book's own command line, unchanged.
"""

from __future__ import annotations

import functools
import os


def _declare_multitoc_numbering_parallel_safe() -> None:
    """sphinx-multitoc-numbering (0.1.3) only replaces how the toctree collector
    numbers sections, which runs in the main process after the parallel read is
    merged; it just does not say so, and Sphinx then falls back to a serial read
    with a warning (which -W turns into a failure)."""
    import sphinx_multitoc_numbering

    original = sphinx_multitoc_numbering.setup

    def setup(app):
        original(app)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

    sphinx_multitoc_numbering.setup = setup


def main() -> None:
    import jupyter_book.sphinx as jb_sphinx
    from jupyter_book.cli.main import main as jupyter_book_cli

    _declare_multitoc_numbering_parallel_safe()
    jobs = int(os.environ.get("PLANBOOK_JOBS") or os.cpu_count() or 1)
    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=jobs)
    jupyter_book_cli()


if __name__ == "__main__":
    main()
