using System.Text.Json;

namespace FastData.Model;

/// <summary>
/// How deep the documents the pipeline parses back may nest. System.Text.Json stops at 64 by default, while a single
/// view nests its configs around records that may themselves be 64 deep; the writer that built the document allows
/// 1000. Every parse of a stored or aggregated document uses this bound.
/// </summary>
public static class JsonDepth
{
    public const int Max = 256;

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = Max };

    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = Max };

    public static JsonSerializerOptions SerializerOptions { get; } = new() { MaxDepth = Max };
}
