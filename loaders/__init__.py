"""Articles in, entities and relations out: read, clean, extract, resolve."""
