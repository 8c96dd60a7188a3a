using System.Text.Json.Nodes;

namespace FastData.Grains.Storage;

/// <summary>A stored document (shared: never mutate it) and the version that a compare-and-swap must name.</summary>
public sealed record VersionedDocument(JsonObject Document, long Version);
