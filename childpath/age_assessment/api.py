"""Age assessments of a case over REST, through the same access path and service as the pages."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.age_assessment import selectors, services
from childpath.age_assessment.models import AgeAssessment
from childpath.age_assessment.serializers import (
    AgeAssessmentInputSerializer,
    AgeAssessmentSerializer,
)
from childpath.age_assessment.validation import AssessmentData
from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.models import Case
from childpath.cases.services import record_read, require_edit


# On a generic view drf-spectacular reads the schema of the HTTP method, not of create().
@extend_schema_view(
    post=extend_schema(
        request=AgeAssessmentInputSerializer, responses={201: AgeAssessmentSerializer}
    )
)
class CaseAgeAssessments(generics.ListCreateAPIView[AgeAssessment]):
    """A case's age assessments, newest first; POST records one."""

    serializer_class = AgeAssessmentSerializer

    def _case(self) -> Case:
        return get_case_for_user(case_user(self.request), self.kwargs["reference"])

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return AgeAssessment.objects.none()
        return selectors.assessments_of(self._case())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self._case()
        # The notes can name people: reading them is audited like the identity.
        record_read(actor=case_user(request), case=case, fields=("age_assessments",))
        page = self.paginate_queryset(selectors.assessments_of(case))
        return self.get_paginated_response(AgeAssessmentSerializer(page, many=True).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = case_user(request)
        case = self._case()
        require_edit(user, case)  # 403 for read-only access, before looking at the input
        payload = AgeAssessmentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        row = services.record_assessment(
            actor=user, case=case, assessment=AssessmentData(**payload.validated_data)
        )
        return Response(AgeAssessmentSerializer(row).data, status=status.HTTP_201_CREATED)
