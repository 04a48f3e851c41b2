"""One writer per output format. Each turns an :class:`~oncology_second_opinion.outline.Outline`
into text and keeps its format's escaping in one function."""
