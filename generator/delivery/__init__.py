"""What leaves the building: bulletins emailed to newsrooms and technical contacts, and posts to channels.

``owed`` keeps the books for both (what is owed to whom, in the ledger) and
``published`` reads what a build published. Email: ``recipients`` (who gets
what), ``compose`` (the messages), ``smtp`` (the transport) and ``notify`` (the
job). Chat, social and webhook channels: ``channels`` (the list, secrets
resolved), ``posts`` (what each is told), ``wording`` (the words), ``push``
(Apprise), ``webhooks`` (signed JSON) and ``reach`` (the job).
"""
