"""What the three Textual faces share: the base app, themes, language, the confirm screen."""
