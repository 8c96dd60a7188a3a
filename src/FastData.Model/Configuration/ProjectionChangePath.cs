using FastData.Model.Strategies;

namespace FastData.Model.Configuration;

/// <summary>An override path: projections from the changed one to the one that identifies the single view.</summary>
/// <param name="Projections">The projection names in order.</param>
/// <param name="Hops">The conditions between consecutive projections.</param>
/// <param name="Identifier">For each single-view identifier field (in key order), the field of the last projection holding it.</param>
/// <param name="Function">A custom strategy that computes the identifiers from the last record instead.</param>
public sealed record ProjectionChangePath(
    IReadOnlyList<string> Projections,
    IReadOnlyList<ProjectionChangeHop> Hops,
    IReadOnlyList<(string IdentifierField, string Field)> Identifier,
    StrategyFunction? Function = null);
