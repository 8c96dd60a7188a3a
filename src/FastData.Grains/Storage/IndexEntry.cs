using System.Text.Json.Nodes;

namespace FastData.Grains.Storage;

/// <summary>One document of a <see cref="FieldIndex"/> value: its key and the version filed (shared: never mutate it).</summary>
internal readonly record struct IndexEntry(string Key, JsonObject Document);
