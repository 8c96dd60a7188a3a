using FastData.Model.Configuration;

namespace FastData.Model.Strategies;

/// <summary>
/// How a change to a projection record reaches single-view keys: follow <see cref="Hops"/> from the changed record
/// to records of the last projection, then read the identifier fields of those records.
/// </summary>
/// <param name="SingleViewName">The single view affected.</param>
/// <param name="Projections">The projections walked, from the changed one to the identifying one.</param>
/// <param name="Hops">One per step: the ER condition and its direction.</param>
/// <param name="Identifier">Per identifier field (in key order), the field of the last projection that holds it.</param>
/// <param name="IsOverride">True when it comes from projectionChangesSchema.json.</param>
/// <param name="Function">A custom strategy computing identifiers from the last records (then Identifier is empty).</param>
public sealed record StrategyRoute(
    string SingleViewName,
    IReadOnlyList<string> Projections,
    IReadOnlyList<ProjectionChangeHop> Hops,
    IReadOnlyList<(string IdentifierField, string Field)> Identifier,
    bool IsOverride,
    StrategyFunction? Function = null)
{
    /// <summary>A readable form, e.g. <c>customer-360: order_items -> orders -> customers</c>.</summary>
    public override string ToString() => $"{SingleViewName}: {string.Join(" -> ", Projections)}";

    internal string Signature =>
        $"{SingleViewName}|{string.Join(",", Hops.Select(h => $"{h.Condition.Name}:{h.Reverse}"))}|{string.Join(",", Identifier.Select(i => $"{i.IdentifierField}={i.Field}"))}|{Projections[0]}|{Function?.GetHashCode()}";
}
