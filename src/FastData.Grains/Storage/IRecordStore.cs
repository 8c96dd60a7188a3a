using System.Text.Json.Nodes;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Storage;

/// <summary>
/// The documents the pipeline reads and writes: one collection per projection and per single view, a document
/// per key with a version used for compare-and-swap. MongoDB implements it for real; the default run uses
/// <see cref="InMemoryRecordStore"/>, with the same secondary indexes and the same semantics.
/// </summary>
public interface IRecordStore : IProjectionResolver
{
    /// <summary>The stored document and its version, or null when there is none.</summary>
    ValueTask<VersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="document"/> if the stored version is <paramref name="expectedVersion"/>
    /// (0 = no document yet) and returns the new version; otherwise throws <see cref="RecordVersionConflictException"/>.
    /// The store keeps the instance: the caller must not mutate it afterwards.</summary>
    ValueTask<long> WriteAsync(string collection, string key, JsonObject document, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Writes the document <paramref name="utf8Document"/> (one JSON object) like
    /// <see cref="WriteAsync(string, string, JsonObject, long, CancellationToken)"/>. A store that can keep the bytes as
    /// they are (the in-memory store, for a collection it does not index) saves building a tree per write; the
    /// others parse it. The store may keep the memory: the caller must not change it afterwards.</summary>
    ValueTask<long> WriteAsync(string collection, string key, ReadOnlyMemory<byte> utf8Document, long expectedVersion, CancellationToken cancellationToken) =>
        WriteAsync(collection, key, StoredJson.ParseObject(utf8Document.Span), expectedVersion, cancellationToken);

    /// <summary>Removes the document if its version is <paramref name="expectedVersion"/>; a missing document is
    /// not an error when <paramref name="expectedVersion"/> is 0.</summary>
    ValueTask DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Declares that <paramref name="collection"/> is looked up by <paramref name="field"/>. Idempotent.</summary>
    ValueTask EnsureIndexAsync(string collection, string field, CancellationToken cancellationToken);

    /// <summary>Every key of <paramref name="collection"/>, in no particular order.</summary>
    IAsyncEnumerable<string> KeysAsync(string collection, CancellationToken cancellationToken);
}
