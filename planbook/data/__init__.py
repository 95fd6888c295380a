"""Data in and checked: the data package's typed tables and their validation."""
