"""Domain events: what an action announces, for the apps above it to act on.

An app may not import the apps above it (the layers of STYLE.md), yet an action low in the
house must often reach one high up: urging a unit must notify its leaders, and the
notifications app sits above the follow-up app. The action publishes a named event with its
objects; the higher app subscribes in its `AppConfig.ready()`. Django's own `Signal` is the
mechanism, so a subscriber is an ordinary receiver.

Receivers run synchronously, inside the publishing action's transaction: what they write
commits or rolls back with the action, so an event is never lost nor announced for a change
that did not happen. Work that must wait for the commit (e-mail, webhooks) is the receiver's
to defer with `transaction.on_commit` or a task.
"""

from django.dispatch import Signal

#: Sent with `name` (the event's name, e.g. "assignment_urged"), `agency`, `by` (the actor)
#: and the event's own keyword arguments.
action_done = Signal()


def publish(name: str, *, agency, by, **payload) -> list:
    """Announce that an action happened; subscribers run now, in the caller's transaction.

    Return what the subscribers returned (for the action's audit record), in no set order.
    """
    replies = action_done.send(sender=name, name=name, agency=agency, by=by, **payload)
    return [reply for _receiver, reply in replies if reply is not None]


def subscribe(name: str, receiver) -> None:
    """Call `receiver(name=…, agency=…, by=…, **payload)` whenever `name` is published."""

    def _only(sender, **kwargs):
        if sender == name:
            return receiver(**kwargs)
        return None

    _only.__name__ = f"on_{name}"
    action_done.connect(
        _only, weak=False, dispatch_uid=f"{receiver.__module__}.{receiver.__qualname__}:{name}"
    )
