"""What the tests share: running the CLI, personas, damaged and hostile cases, driving the faces through Textual's pilot."""
