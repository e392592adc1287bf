from _backends import db_url, store

__all__ = ["db_url", "store"]
