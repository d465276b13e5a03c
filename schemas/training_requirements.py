import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, table

REQUIREMENTS = ["placement", "validation"]
SETTINGS = ["hospital", "approved-site", "ambulatory"]


@table("training_requirements", source="'Formation pratique' pages of residents' unions (SYRC-IMG)",
       order_by=("doc_id", "requirement", "group_letter", "page", "text_as_printed"))
class TrainingRequirements(Provenance):
    """What the practical training of a DES requires: each placement semester of the curriculum
    (grouped and typed as printed) and each condition for a placement to be validated."""

    specialty: Series[str] = specialty_field()
    requirement: Series[str] = pa.Field(isin=REQUIREMENTS, description="'placement' for a semester of the curriculum, 'validation' for a condition to validate a placement.")
    group_letter: Series[str] = pa.Field(nullable=True, description="Letter of the printed group of semesters (A, B, C); NULL for a validation condition.")
    group_label: Series[str] = pa.Field(nullable=True, description="Heading of the group as printed ('Deux semestres obligatoires dans des services … hospitaliers …').")
    setting: Series[str] = pa.Field(nullable=True, isin=SETTINGS, description="Where the semester is done: 'hospital' (hospital departments), 'approved-site' (any site approved for the specialty), 'ambulatory' (with general practitioners); NULL for a validation condition.")
    placement: Series[str] = pa.Field(nullable=True, description="Kind of placement: the bullet's first clause as printed ('un au titre de la médecine d’urgence').")
    reserved_for: Series[str] = pa.Field(nullable=True, isin=["T1", "T2", "T3", "T4"], description="Residency year the placement is reserved for, when printed ('réservé aux T1').")
    semesters: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=2, description="Number of semesters the row stands for (1 per printed bullet); NULL for a validation condition.")
    min_presence_months: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=12, description="Minimum months of effective presence for the placement to be validated, when the condition states one.")
    period_months: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=12, description="Length in months of the placement the minimum presence is counted over ('sur les six').")
    text_as_printed: Series[str] = pa.Field(description="The whole bullet as printed, continuation lines joined.")
