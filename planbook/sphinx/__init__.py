"""The Sphinx side: the book's extension (downloads, gallery, footer, Chinese typography) and the parallel jupyter-book runner."""
