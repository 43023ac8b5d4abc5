"""Page generation: which pages a site has, at which URL, with what context."""
