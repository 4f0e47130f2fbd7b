"""What is shown or exported: the citizen's plan, the case view, the part plan, HTML, transcripts."""
