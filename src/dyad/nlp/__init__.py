"""Reading documents: spaCy pipeline, actors, structure and interactions."""
