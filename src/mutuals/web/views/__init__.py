"""The pages, one module per area; each view parses the request, calls a service or selector
and renders. No business logic lives here."""
