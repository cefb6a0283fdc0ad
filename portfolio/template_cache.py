"""Compiled Jinja templates kept between processes.

Every `failscale report` and every evaluation's e-mails compiled their templates anew:
~0.1 s of a command that runs for seconds (#15). Jinja's file cache keeps the compiled
code in a private directory under the system's temporary one (created 0700, checked to
be the user's own), writes it atomically, and compiles again when a template's source
changes. A cache that cannot be used costs the compile, never the report.
"""

from __future__ import annotations

from contextlib import suppress

import jinja2
from jinja2.bccache import Bucket


class _Cache(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # a full or read-only temporary directory
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)


def template_cache() -> jinja2.BytecodeCache | None:
    """The cache for a template environment; None where no safe directory can be made."""
    try:
        return _Cache()
    except (OSError, RuntimeError):
        return None
