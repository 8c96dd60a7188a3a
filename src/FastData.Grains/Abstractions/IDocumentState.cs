using System.Text.Json.Nodes;

namespace FastData.Grains.Abstractions;

/// <summary>
/// A grain state that is stored as a natural document (the record's own fields at the top level, never a blob),
/// so that other tools can query the collections. The storage adds <c>_id</c> and its version field.
/// </summary>
public interface IDocumentState
{
    /// <summary>The document to store, or null when there is nothing to store (the state was never written).</summary>
    JsonObject? ToDocument();

    /// <summary>Loads the state from a stored document (without <c>_id</c> and version).</summary>
    void LoadDocument(JsonObject document);
}
