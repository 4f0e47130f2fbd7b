"""What every layer uses: gettext, the sentences of errors, text cleaning and the clock."""
