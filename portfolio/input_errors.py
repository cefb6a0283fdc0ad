"""What pydantic refuses in a form, as ValidationFailed in the catalogue's words.

A page that builds a model from its widgets (a title too long, a negative budget, a user
name with a space) turns each problem into a ValidationFailed naming its field, so the
reader sees it in their language (portfolio/error_texts.py, codes `input.<pydantic type>`).
A kind of problem the catalogue does not know keeps pydantic's English message.
"""

from __future__ import annotations

from pydantic import ValidationError

from portfolio.error_texts import ERRORS
from portfolio.errors import ValidationFailed


def input_refusals(error: ValidationError) -> list[ValidationFailed]:
    """One ValidationFailed per problem; `field` is the model field it is about."""
    refusals = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or None
        code = f"input.{problem['type']}"
        if code in ERRORS:
            limits = {k: v for k, v in problem.get("ctx", {}).items()
                      if isinstance(v, str | int | float)}
            refusals.append(ValidationFailed(field=field, code=code, params=limits))
        else:
            refusals.append(ValidationFailed(problem["msg"], field=field))
    return refusals
