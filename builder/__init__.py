"""News-timeline generator: articles in, dated and cited events out, published as a static site."""

__version__ = "0.1.0"
