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

/// <summary>One problem of one field.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Reason">A readable explanation.</param>
public sealed record CastViolation(string Field, CastViolationKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Reason}";
}
