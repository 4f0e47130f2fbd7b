"""Tests across the whole house: the import boundaries between the layers."""
