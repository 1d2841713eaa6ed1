"""The plans app's forms, by page family; import them from here.

Forms only check and convert what a person typed; every write goes through
`selaras.plans.services`, which validates again and refuses stale edits.
"""

from selaras.plans.forms.activities import (
    QUARTER_CHOICES,
    ActivityForm,
    BaseLocationFormSet,
    IndicatorForm,
    IndicatorFormSet,
    LocationForm,
    LocationFormSet,
    PlanCreateForm,
    PlanFilterForm,
    PlanHeaderForm,
    TransitionForm,
    activity_data,
    authority_items,
    indicator_initial,
    location_initial,
)
from selaras.plans.forms.programmes import CycleForm, CycleLegalActsForm, CycleOpenForm, ProgrammeForm
from selaras.plans.forms.uploads import XLSX_ACCEPT, PlanImportForm, RegionalImportForm, UploadForm

__all__ = [
    "QUARTER_CHOICES",
    "XLSX_ACCEPT",
    "ActivityForm",
    "BaseLocationFormSet",
    "CycleForm",
    "CycleLegalActsForm",
    "CycleOpenForm",
    "IndicatorForm",
    "IndicatorFormSet",
    "LocationForm",
    "LocationFormSet",
    "PlanCreateForm",
    "PlanFilterForm",
    "PlanHeaderForm",
    "PlanImportForm",
    "ProgrammeForm",
    "RegionalImportForm",
    "TransitionForm",
    "UploadForm",
    "activity_data",
    "authority_items",
    "indicator_initial",
    "location_initial",
]
