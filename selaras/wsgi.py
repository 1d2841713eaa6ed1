import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selaras.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    # A web process loads the duplicate scorer's word lists once, beside its
    # first requests, so the first likely-duplicates lookup only reads the
    # saved index. Management commands and tests never pay for it.
    from selaras.sync.similarity_service import warm_up

    try:
        warm_up()
    except Exception:  # a failed warm-up only costs the first lookup its speed
        import logging

        logging.getLogger(__name__).exception("warm-up of the duplicate lookup failed")


threading.Thread(target=_warm_up, name="selaras-warm-up", daemon=True).start()
