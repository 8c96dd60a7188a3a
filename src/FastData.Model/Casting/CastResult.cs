using System.Text.Json.Nodes;

namespace FastData.Model.Casting;

/// <summary>The typed record cast from a source record, with what did not fit.</summary>
/// <param name="Record">The typed record: declared fields only, cast; a field whose cast failed is absent.</param>
/// <param name="Violations">Required fields missing, nulls where not nullable, cast failures.</param>
/// <param name="DroppedFields">Source fields the projection does not declare (dropped).</param>
public sealed record CastResult(JsonObject Record, IReadOnlyList<CastViolation> Violations, IReadOnlyList<string> DroppedFields)
{
    /// <summary>True when there is no violation.</summary>
    public bool IsValid => Violations.Count == 0;
}
