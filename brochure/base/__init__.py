"""The base every other layer builds on: the editions table and reproducible build dates."""
