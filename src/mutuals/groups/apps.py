from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "mutuals.groups"
    label = "groups"

    def ready(self) -> None:
        from mutuals.changes.tracking import records_changed

        # A member whose records changed has stale pooled rows (groups.services.mark_stale).
        records_changed.connect(_records_changed, dispatch_uid="groups.mark_stale")


def _records_changed(sender: object, owner_id: int, **kwargs: object) -> None:
    # groups.services (and the pool's and the codes' modules it brings) loads only when
    # records change, not at every start of Django: `mutuals today` never needs it.
    from mutuals.groups.services import records_changed_receiver

    records_changed_receiver(sender, owner_id=owner_id, **kwargs)
