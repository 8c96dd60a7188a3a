using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.SingleViews;

/// <summary>A single-view document as stored: the aggregated fields at the top level plus <c>createdAt</c> and
/// <c>updatedAt</c>. The state keeps it as UTF-8 JSON, one array per document: a tree of nodes per document, replaced
/// at every change, was what most survived the collector's young generations, and each survivor costs a pause. The
/// aggregation writes the same bytes for the same content, so "unchanged" is a byte comparison.</summary>
public sealed class SingleViewState : IUtf8DocumentState
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";

    private static readonly JsonDocumentOptions ParseOptions = new();

    private byte[]? _stored;

    /// <summary>How many leading bytes of <see cref="_stored"/> are the aggregated fields as the engine wrote them,
    /// closing brace excluded; -1 when the document came from storage and its bytes may be formatted differently.</summary>
    private int _contentLength = -1;

    /// <summary>True when the single view exists.</summary>
    public bool Exists => _stored is not null;

    /// <summary>The stored document as UTF-8 JSON (aggregated fields and timestamps); empty when it does not exist.</summary>
    public ReadOnlyMemory<byte> Utf8 => _stored;

    public DateTimeOffset? CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Makes <paramref name="aggregated"/> (one JSON object, as the engine wrote it) the document, stamped with
    /// its timestamps.</summary>
    public void Set(ReadOnlySpan<byte> aggregated, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        if (aggregated.Length < 2 || aggregated[0] != (byte)'{' || aggregated[^1] != (byte)'}')
        {
            throw new ArgumentException("The aggregated document is not one compact JSON object.", nameof(aggregated));
        }

        var stamps = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(stamps))
        {
            writer.WriteStartObject();
            writer.WriteString(CreatedAtField, createdAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString(UpdatedAtField, updatedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        // {aggregated fields} + {stamps} -> {aggregated fields,stamps}
        var content = aggregated[..^1];
        var separator = aggregated.Length > 2 ? 1 : 0;
        var stored = new byte[content.Length + separator + stamps.WrittenCount - 1];
        content.CopyTo(stored);
        if (separator == 1)
        {
            stored[content.Length] = (byte)',';
        }

        stamps.WrittenSpan[1..].CopyTo(stored.AsSpan(content.Length + separator));
        (_stored, _contentLength, CreatedAt, UpdatedAt) = (stored, content.Length, createdAt, updatedAt);
    }

    /// <summary>What the state holds now, to put back with <see cref="Restore"/> (a failed write is undone with it).</summary>
    public Memento Save() => new(_stored, _contentLength, CreatedAt, UpdatedAt);

    public void Restore(Memento saved) => (_stored, _contentLength, CreatedAt, UpdatedAt) = (saved.Stored, saved.ContentLength, saved.CreatedAt, saved.UpdatedAt);

    /// <summary>True when <paramref name="aggregated"/> (as the engine wrote it, without timestamps) has exactly the
    /// document's content.</summary>
    public bool HasContent(ReadOnlySpan<byte> aggregated)
    {
        if (_stored is not { } stored)
        {
            return false;
        }

        if (_contentLength >= 0)
        {
            // The stored content is the engine's own bytes: "{a,b" + (",stamps}" or "stamps}" when empty).
            return aggregated.Length > 0 && aggregated.Length - 1 == _contentLength
                && aggregated[..^1].SequenceEqual(stored.AsSpan(0, _contentLength));
        }

        if (!SameContent(aggregated, stored))
        {
            return false;
        }

        // Equal content read back from storage: from now on compare with the engine's bytes.
        if (CreatedAt is { } createdAt && UpdatedAt is { } updatedAt)
        {
            Set(aggregated, createdAt, updatedAt);
        }

        return true;
    }

    /// <summary>A new tree of the stored document (the caller owns it), or null when the single view does not exist.</summary>
    public JsonObject? ToDocument() => _stored is { } stored ? Parse(stored) : null;

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _stored = JsonSerializer.SerializeToUtf8Bytes(document);
        _contentLength = -1;
        CreatedAt = ReadDate(document, CreatedAtField);
        UpdatedAt = ReadDate(document, UpdatedAtField);
    }

    /// <summary>A tree of <paramref name="utf8"/> that the caller owns (children built on first access: keep it to one thread).</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8, documentOptions: ParseOptions) as JsonObject ?? throw new JsonException("A single-view document is not a JSON object.");

    /// <summary>Deep equality of the aggregated fields, timestamps left out on the stored side.</summary>
    private static bool SameContent(ReadOnlySpan<byte> aggregated, byte[] stored)
    {
        var fresh = Parse(aggregated);
        var document = Parse(stored);
        var stamps = (document.ContainsKey(CreatedAtField) ? 1 : 0) + (document.ContainsKey(UpdatedAtField) ? 1 : 0);
        if (document.Count - stamps != fresh.Count)
        {
            return false;
        }

        foreach (var (name, value) in fresh)
        {
            if (name is CreatedAtField or UpdatedAtField || !document.TryGetPropertyValue(name, out var kept) || !JsonNode.DeepEquals(value, kept))
            {
                return false;
            }
        }

        return true;
    }

    private static DateTimeOffset? ReadDate(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;

    /// <summary>A state's content at one moment (see <see cref="Save"/>).</summary>
    public readonly record struct Memento(byte[]? Stored, int ContentLength, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);
}
