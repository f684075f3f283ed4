"""Reading documents: spaCy pipeline, actors, structure and the rules' candidate interactions.

The driver that turns a document into an extraction is :mod:`dyad.nlp.extract`."""
