"""The tests, laid out as the code is: one folder per layer of assistant/, one for store/."""
