using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;

namespace FastData.Grains.Storage;

/// <summary>
/// The record store of the default run: MongoDB's semantics (compare-and-swap on a version, lookups by
/// indexed fields) in process memory. Stored documents are shared with readers and never mutated.
/// </summary>
public sealed class InMemoryRecordStore : IRecordStore
{
    private readonly ConcurrentDictionary<string, InMemoryCollection> _collections = new(StringComparer.Ordinal);

    /// <summary>An empty store with no index: lookups scan until <see cref="EnsureIndexAsync"/> declares one.</summary>
    public InMemoryRecordStore()
    {
    }

    /// <summary>
    /// A store indexed for <paramref name="model"/>'s lookups (what MongoDB gets from its index bootstrap): the first
    /// field of every query index and of every projection's primary key, since batched lookups by key are queries
    /// too. Without them every lookup scans its collection and aggregations slow down with the data.
    /// </summary>
    public InMemoryRecordStore(FastDataModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var index in model.QueryIndexes)
        {
            Collection(index.Projection).EnsureIndex(index.Fields[0]);
        }

        foreach (var projection in model.Projections.Values)
        {
            Collection(projection.Name).EnsureIndex(projection.PrimaryKey[0]);
        }
    }

    public ValueTask<VersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(collection).Read(key));

    public ValueTask<long> WriteAsync(string collection, string key, JsonObject document, long expectedVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(collection).Write(key, document, expectedVersion));

    public ValueTask<long> WriteAsync(string collection, string key, ReadOnlyMemory<byte> utf8Document, long expectedVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(collection).Write(key, utf8Document, expectedVersion));

    public ValueTask DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        Collection(collection).Delete(key, expectedVersion);
        return ValueTask.CompletedTask;
    }

    public ValueTask EnsureIndexAsync(string collection, string field, CancellationToken cancellationToken)
    {
        Collection(collection).EnsureIndex(field);
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<string> KeysAsync(string collection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in Collection(collection).Keys())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask;
    }

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(projection).Read(key)?.Document);

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(projection).Find(filter));

    private InMemoryCollection Collection(string name) => _collections.GetOrAdd(name, static n => new InMemoryCollection(n));
}
