namespace FastData.Model.Casting;

/// <summary>One problem of one field.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Reason">A readable explanation.</param>
public sealed record CastViolation(string Field, CastViolationKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Reason}";
}
