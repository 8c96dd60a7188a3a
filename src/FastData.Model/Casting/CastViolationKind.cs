namespace FastData.Model.Casting;

/// <summary>Why a source record does not fit its projection.</summary>
public enum CastViolationKind
{
    /// <summary>A required field is absent.</summary>
    RequiredMissing,
    /// <summary>A field that is not nullable is null.</summary>
    NullNotAllowed,
    /// <summary>The cast function failed, or its result does not have the field's type.</summary>
    CastFailed,
}
