"""The administration pages: organisations, accounts, the service directory and the
jurisdiction profile, in Childpath's own look (Django's admin stays, for emergencies)."""
