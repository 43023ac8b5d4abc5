"""Developer tools of congress-site, kept out of the product package: one
synthetic-site generator (`synthetic`), the benchmark against plain Material
(`run`, `measure`), one edit-to-refresh timer for `mkdocs serve`
(`refresh`), and the search, link-checker and image measurements. The
`congress-bench` command (`cli`) runs them."""
