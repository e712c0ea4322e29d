"""Organisations and users are administered through ``childpath.auditing.admin``, whose
services write every change to the hash-chained audit (this app sits below the audit)."""
