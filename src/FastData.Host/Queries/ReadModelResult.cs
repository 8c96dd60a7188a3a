using System.Text.Json.Nodes;

namespace FastData.Host.Queries;

/// <summary>One page of a list read: documents without internal fields (with <c>_id</c>, the canonical key).</summary>
public sealed record ReadModelResult(IReadOnlyList<JsonObject> Items, int Limit, int Skip);
