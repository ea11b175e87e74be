"""What leaves the building: bulletins emailed to newsrooms and technical contacts.

``recipients`` (who gets what), ``published`` (what was published before),
``compose`` (the messages), ``smtp`` (the transport) and ``notify`` (the job
that ties them together).
"""
