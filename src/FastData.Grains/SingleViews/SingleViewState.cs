using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Model;

namespace FastData.Grains.SingleViews;

/// <summary>A single-view document as stored: the aggregated fields at the top level plus <c>createdAt</c> and
/// <c>updatedAt</c>. The state keeps it as UTF-8 JSON, one array per document: a tree of nodes per document, replaced
/// at every change, was what most survived the collector's young generations, and each survivor costs a pause. The
/// aggregation writes the same bytes for the same content, so "unchanged" is a byte comparison.</summary>
public sealed class SingleViewState : IUtf8DocumentState
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";

    private static readonly byte[] CreatedAtPrefix = Encoding.UTF8.GetBytes($"\"{CreatedAtField}\":\"");
    private static readonly byte[] UpdatedAtPrefix = Encoding.UTF8.GetBytes($"\",\"{UpdatedAtField}\":\"");

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

        // {aggregated fields} -> {aggregated fields,"createdAt":"…","updatedAt":"…"}: "O" dates need no escaping.
        Span<byte> created = stackalloc byte[40];
        Span<byte> updated = stackalloc byte[40];
        var createdLength = FormatRoundTrip(createdAt, created);
        var updatedLength = FormatRoundTrip(updatedAt, updated);
        var content = aggregated[..^1];
        var separator = aggregated.Length > 2 ? 1 : 0;
        var stored = new byte[content.Length + separator + CreatedAtPrefix.Length + createdLength + UpdatedAtPrefix.Length + updatedLength + 2];
        var at = content.Length;
        content.CopyTo(stored);
        if (separator == 1)
        {
            stored[at++] = (byte)',';
        }

        at += Append(stored, at, CreatedAtPrefix);
        at += Append(stored, at, created[..createdLength]);
        at += Append(stored, at, UpdatedAtPrefix);
        at += Append(stored, at, updated[..updatedLength]);
        stored[at++] = (byte)'"';
        stored[at] = (byte)'}';
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
    public JsonObject? ToDocument() => _stored is { } stored ? StoredJson.ParseObject(stored) : null;

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _stored = JsonSerializer.SerializeToUtf8Bytes(document, StoredJson.SerializerOptions);
        _contentLength = -1;
        CreatedAt = ReadDate(document, CreatedAtField);
        UpdatedAt = ReadDate(document, UpdatedAtField);
    }

    /// <summary>Deep equality of the aggregated fields, timestamps left out on the stored side.</summary>
    private static bool SameContent(ReadOnlySpan<byte> aggregated, byte[] stored)
    {
        var fresh = StoredJson.ParseObject(aggregated);
        var document = StoredJson.ParseObject(stored);
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

    private static int FormatRoundTrip(DateTimeOffset value, Span<byte> destination) =>
        value.TryFormat(destination, out var written, "O", CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException($"The timestamp {value:O} does not fit its buffer.");

    private static int Append(byte[] destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination.AsSpan(at));
        return bytes.Length;
    }

    private static DateTimeOffset? ReadDate(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;

    /// <summary>A state's content at one moment (see <see cref="Save"/>).</summary>
    public readonly record struct Memento(byte[]? Stored, int ContentLength, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);
}
