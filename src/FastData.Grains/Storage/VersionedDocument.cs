using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Storage;

/// <summary>A stored document and the version that a compare-and-swap must name. It holds either a tree, shared by
/// every reader (never mutate it), or UTF-8 JSON, of which each read of <see cref="Document"/> builds a tree of the
/// reader's own.</summary>
public sealed class VersionedDocument
{
    private readonly JsonObject? _document;
    private readonly ReadOnlyMemory<byte> _utf8;

    public VersionedDocument(JsonObject document, long version)
    {
        ArgumentNullException.ThrowIfNull(document);
        (_document, Version) = (document, version);
    }

    /// <param name="utf8">One JSON object; the instance keeps it, so the caller must not change it afterwards.</param>
    public VersionedDocument(ReadOnlyMemory<byte> utf8, long version)
    {
        if (utf8.IsEmpty)
        {
            throw new ArgumentException("A stored document cannot be empty.", nameof(utf8));
        }

        (_utf8, Version) = (utf8, version);
    }

    /// <summary>The document: the shared tree, or a new one read from the stored UTF-8 JSON.</summary>
    public JsonObject Document => _document ?? StoredJson.ParseObject(_utf8.Span);

    public long Version { get; }

    /// <summary>The stored UTF-8 JSON, or empty when the document is held as a tree.</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;
}
