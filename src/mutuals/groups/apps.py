from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "mutuals.groups"
    label = "groups"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from mutuals.changes.tracking import records_changed

        # A member whose records changed has stale pooled rows (groups.services.mark_stale).
        records_changed.connect(_records_changed, dispatch_uid="groups.mark_stale")
        # A member who leaves (or whose account is deleted) is counted in the group's history.
        post_delete.connect(
            _membership_deleted, sender="groups.Membership", dispatch_uid="groups.member_left"
        )


def _records_changed(sender: object, owner_id: int, **kwargs: object) -> None:
    # groups.services (and the pool's and the codes' modules it brings) loads only when
    # records change, not at every start of Django: `mutuals today` never needs it.
    from mutuals.groups.services import records_changed_receiver

    records_changed_receiver(sender, owner_id=owner_id, **kwargs)


def _membership_deleted(sender: object, **kwargs: object) -> None:
    from mutuals.groups.history import membership_deleted

    membership_deleted(sender, **kwargs)  # type: ignore[arg-type]
