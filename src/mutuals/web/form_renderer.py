"""How forms draw their fields: Django's own field and widget templates, rendered by Jinja2.

Django ships every form template twice, for its own template language and for Jinja2, with the
same markup. Jinja2 compiles templates to Python and draws a field about twice as fast, which
matters on pages with many small forms (a person page has nine). Templates only the Django
language has (the admin's widgets) still render with it, so one renderer serves every form."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    """Jinja2 for Django's built-in form templates, the Django language for any other."""

    def __init__(self) -> None:
        self.fast = Jinja2()
        self.fallback = DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return self.fast.get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
