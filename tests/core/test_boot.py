from selaras.core import access


def test_every_domain_model_has_read_and_write_policies(db):
    from django.apps import apps

    from selaras.core.models import AuditedModel

    labels = {m._meta.label_lower for m in apps.get_models() if issubclass(m, AuditedModel)}
    labels |= {"accounts.user", "audit.auditentry", "registry.regionboundary"}
    missing = [
        (label, action)
        for label in sorted(labels)
        for action in (access.READ, access.WRITE)
        if (label, action) not in access._POLICIES
    ]
    assert missing == []
