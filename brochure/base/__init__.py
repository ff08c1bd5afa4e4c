"""The base every other layer builds on: the editions table, reproducible build dates, files
written whole and the one tokenizer of rendered HTML."""
