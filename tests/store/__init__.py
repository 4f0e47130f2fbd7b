"""Tests of store/: files, locks, the index, case codes, durability under SIGKILL."""
