using System.Text.Json.Nodes;
using FastData.Model.Aggregation;

namespace FastData.Model.Strategies;

/// <summary>
/// A custom strategy named in projectionChangesSchema.json as <c>"identifier": "__fromFile__[name]"</c>: given a
/// record reached at the end of a path, returns the identifiers (objects holding the identifier fields, i.e. the
/// base projection fields of singleViewKey.json) of the single views to recompute.
/// </summary>
public delegate ValueTask<IReadOnlyList<JsonObject>> StrategyFunction(StrategyFunctionContext context);

/// <summary>What a custom strategy sees.</summary>
/// <param name="SingleViewName">The single view whose keys are asked for.</param>
/// <param name="Projection">The projection of <paramref name="Record"/> (the last of the path).</param>
/// <param name="Record">The record reached (do not mutate).</param>
/// <param name="Resolver">Reads other projection records.</param>
/// <param name="CancellationToken">Cancels the lookup.</param>
public sealed record StrategyFunctionContext(
    string SingleViewName,
    string Projection,
    JsonObject Record,
    IProjectionResolver Resolver,
    CancellationToken CancellationToken);
