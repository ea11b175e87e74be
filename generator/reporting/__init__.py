"""Regulatory outage reporting: rules as data, user-minutes, duties and deadlines, drafts."""
