from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ontmoeting.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from ontmoeting.documents.builds import forget_packs_of, pack_path
        from ontmoeting.documents.models import PackBuild
        from ontmoeting.privacy.consent import register_eraser
        from ontmoeting.privacy.models import ConsentKind
        from ontmoeting.privacy.subject import register_erasure

        # A kept pack prints names (and, with consent, domains of experience): it goes when a
        # person of its edition is erased or withdraws that consent, before the participations
        # are emptied (step 30), and with its row (an edition deleted).
        register_erasure("document_packs", forget_packs_of, step=10)
        register_eraser(ConsentKind.SPECIAL_CATEGORY, "document_packs", forget_packs_of)

        def drop_file(sender: Any, instance: PackBuild, **kwargs: Any) -> None:
            if instance.file:
                pack_path(instance).unlink(missing_ok=True)

        post_delete.connect(drop_file, sender=PackBuild, weak=False, dispatch_uid="pack-file")
