"""Knowing when an owner's records last changed, cheaply and across processes: what lets a
result computed from them (today's plan) be kept until they change. See `tracking`."""
