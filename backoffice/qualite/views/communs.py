"""What the data-quality screens share: the anomalies a user sees, who may justify one."""

from django.db.models import Case, IntegerField, Value, When

from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
)

from ..models import RANGS_SEVERITE, Anomalie


def rang_severite():
    return Case(
        *[When(severite=code, then=Value(rang)) for code, rang in RANGS_SEVERITE.items()],
        default=Value(9),
        output_field=IntegerField(),
    )


def anomalies_visibles(user, actions=LECTURE):
    return policy_for(Anomalie).filtrer(Anomalie.objects.all(), user, actions)


def peut_justifier(user, anomalie):
    return anomalie.est_ouverte and policy_for(Anomalie).user_has_permission_for_instance(
        user, "change", anomalie
    )
