"""Writes every received file of a job into a destination folder under its relative file name."""
from .base import safe_join


def folder_destination(folder):
    def destination(kind, header, index):
        if kind != "file":
            return None
        return safe_join(folder, header.file_name or header.name)
    return destination
