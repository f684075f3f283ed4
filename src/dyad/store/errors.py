"""The one error the store raises; its message starts with a code and ends with the fix."""


class StoreError(Exception):
    pass
