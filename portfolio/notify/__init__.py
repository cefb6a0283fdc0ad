"""E-mail: compose reminders and agendas (pure), then deliver them by SMTP or to the outbox.

Nothing is silently dropped: a message without an address goes to outbox/unaddressed,
one that cannot be sent goes to outbox/failed and is tried again by the next run.
"""

from portfolio.notify.compose import (
    AddressBook,
    Message,
    escalations,
    owner_reminders,
    steering_agendas,
)
from portfolio.notify.delivery import DeliveryReport, MailConfig, deliver

__all__ = [
    "AddressBook",
    "DeliveryReport",
    "MailConfig",
    "Message",
    "deliver",
    "escalations",
    "owner_reminders",
    "steering_agendas",
]
