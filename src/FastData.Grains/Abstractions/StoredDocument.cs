namespace FastData.Grains.Abstractions;

/// <summary>A document as the API serves it: JSON text (serialised once, by the grain that owns it) and the
/// storage ETag of the stored version, usable as an HTTP ETag.</summary>
[GenerateSerializer, Immutable, Alias("FastData.StoredDocument")]
public sealed record StoredDocument([property: Id(0)] string Json, [property: Id(1)] string? ETag)
{
    /// <summary>The ETag as an HTTP header value (quoted).</summary>
    public string HttpETag => string.Concat("\"", ETag ?? "0", "\"");
}
