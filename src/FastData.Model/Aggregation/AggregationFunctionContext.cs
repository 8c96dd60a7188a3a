using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>What a <c>__fromFile__</c> function sees.</summary>
/// <param name="SingleViewName">The single view being aggregated.</param>
/// <param name="SingleViewKey">Its canonical key.</param>
/// <param name="ConfigName">The configuration whose mapping names the function.</param>
/// <param name="Dependencies">
/// The dependencies in scope by alias: a record (a copy) or null for single-valued ones, a JSON array for one-to-many ones.
/// </param>
public sealed record AggregationFunctionContext(
    string SingleViewName,
    string SingleViewKey,
    string ConfigName,
    IReadOnlyDictionary<string, JsonNode?> Dependencies);
