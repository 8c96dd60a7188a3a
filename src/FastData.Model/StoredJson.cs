using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model;

/// <summary>
/// Reading back the JSON the pipeline writes (aggregated and stored documents). System.Text.Json stops at 64 levels by
/// default, while a single view nests its configs around records that may themselves be 64 deep, and the writer that
/// built the document allows 1000: every read of such a document goes through here, with a bound of 256.
/// </summary>
public static class StoredJson
{
    public const int MaxDepth = 256;

    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = MaxDepth };

    public static JsonSerializerOptions SerializerOptions { get; } = new() { MaxDepth = MaxDepth };

    private static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>A fully built tree of <paramref name="utf8"/>, one JSON object (safe to share with concurrent readers once
    /// published: nothing is left to build on first access).</summary>
    /// <exception cref="JsonException">The text is not one JSON object.</exception>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8)
    {
        var document = JsonNode.Parse(utf8, documentOptions: DocumentOptions) as JsonObject ?? throw new JsonException("A stored document is not a JSON object.");
        JsonMaterializer.Materialize(document);
        return document;
    }
}
