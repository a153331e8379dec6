"""One Processing algorithm per GisBridge RPC; shared run logic in base.py."""
