"""User-visible strings, one module per area, each defining ``STRINGS = {key: {"en": ..., "zh": ...}}``.

`ui.i18n` discovers every module in this package, so a new area only needs a new module here.
"""
