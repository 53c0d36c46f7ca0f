"""Form fields are drawn by Jinja2 from Django's own form templates; templates only Django's
language has (the admin's widgets) still render, and values are escaped either way."""

from __future__ import annotations

from django import forms
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as JinjaTemplate

from mutuals.web.form_renderer import FormRenderer


class NameForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Who <b>exactly</b>")


def test_built_in_form_templates_render_with_jinja2():
    renderer = FormRenderer()
    assert isinstance(renderer.get_template("django/forms/field.html"), JinjaTemplate)
    assert isinstance(renderer.get_template("django/forms/widgets/input.html"), JinjaTemplate)


def test_a_template_only_djangos_language_has_falls_back_to_it():
    template = FormRenderer().get_template("admin/widgets/related_widget_wrapper.html")
    assert isinstance(template, DjangoTemplate)


def test_values_and_errors_are_escaped():
    form = NameForm({"name": '"><script>alert(1)</script>'}, renderer=FormRenderer())
    form.add_error("name", "Nobody called '<i>x</i>'")
    html = str(form["name"].as_field_group())
    assert "<script>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;" in html
    assert "Nobody called &#39;&lt;i&gt;x&lt;/i&gt;&#39;" in html


def test_the_project_draws_every_form_with_it(settings):
    assert settings.FORM_RENDERER == "mutuals.web.form_renderer.FormRenderer"
    assert isinstance(NameForm().renderer, FormRenderer)


def test_the_admin_still_renders_its_forms(admin_client):
    response = admin_client.get("/admin/auth/user/add/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
