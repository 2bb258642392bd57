"""A route whose whole query string is one pydantic model, validated in one call.

FastAPI reads a query model field by field and inspects each field's type again on every
request; on the public search that cost more than the search (bench/README.md, issue 17).
`ModelQueryRoute` is FastAPI's documented extension point for this (a custom `APIRoute`): it
takes the endpoint's one query model from the signature FastAPI already analysed, so the OpenAPI
document is FastAPI's own, and at request time it hands the query to pydantic at once. A refusal
is the `RequestValidationError` FastAPI would raise, with the same locations
(`["query", "audience", 0]`), answered by the one error handler (`api.errors`).

The endpoint takes exactly `(request: Request, params: Annotated[Model, Query()])` and returns a
`Response`; anything else it needs, it asks for itself.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _query_model(route: APIRoute) -> type[BaseModel]:
    dependant = route.dependant
    fields = dependant.query_params
    model = fields[0].field_info.annotation if len(fields) == 1 else None
    if (
        not isinstance(model, type)
        or not issubclass(model, BaseModel)
        or dependant.dependencies
        or dependant.path_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.request_param_name is None
    ):
        raise TypeError(f"{route.path}: ModelQueryRoute needs (request, one query model) only")
    return model


def _is_sequence(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (list, tuple)


class ModelQueryRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        model = _query_model(self)
        # Repeated parameters (`?audience=a&audience=b`) are lists; any other takes its last
        # value, and an empty list its default, as FastAPI reads them.
        lists = frozenset(
            name for name, f in model.model_fields.items() if _is_sequence(f.annotation)
        )
        endpoint = self.endpoint
        request_name = self.dependant.request_param_name or "request"
        params_name = self.dependant.query_params[0].name

        async def handler(request: Request) -> Response:
            query = request.query_params
            values: dict[str, Any] = dict(query)
            for name in lists & values.keys():
                values[name] = query.getlist(name)
            try:
                params = model.model_validate(values)
            except ValidationError as error:
                raise RequestValidationError(
                    [{**e, "loc": ("query", *e["loc"])} for e in error.errors(include_url=False)]
                ) from None
            response: Response = await endpoint(**{request_name: request, params_name: params})
            return response

        return handler
